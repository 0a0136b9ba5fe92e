/**
 * SRANDMEMBER: random members of a set, as Redis 7.0 picks them. Without
 * a count: one member, or a null bulk for an absent key. With a positive
 * count: that many distinct members (the whole set, in its order, when it
 * has no more). With a negative count: that many members drawn
 * independently, so they may repeat.
 *
 * ```text
 * SRANDMEMBER key [count]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { distinctRandom, drawnRandom, MAX_RANDOM_ITEMS } from '../internal/random-picks.js';

const LONG_MAX = 2n ** 63n - 1n;

export const srandmember: Command = {
  name: 'srandmember',
  arity: -2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    if (args.length > 3) throw new CommandError(Replies.syntax);
    const key = args.latin1(1);
    if (args.length === 2) {
      const member = keyspace.readSet(key, now)?.value.randomMember();
      reply.bulk(member === undefined ? null : Buffer.from(member, 'latin1'));
      return;
    }
    // Redis's getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX).
    const count = BigInt(integerArg(args, 2));
    if (count < -LONG_MAX)
      throw new CommandError(
        'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
      );
    const set = keyspace.readSet(key, now)?.value;
    if (set === undefined || count === 0n) {
      reply.arrayHeader(0);
      return;
    }
    const distinct = count > 0n;
    const magnitude = distinct ? count : -count;
    const size = distinct && magnitude > BigInt(set.size) ? set.size : Number(magnitude);
    if (size > MAX_RANDOM_ITEMS) throw new CommandError('ERR value is out of range');
    const draw = () => set.randomMember()!;
    const members = !distinct
      ? drawnRandom(size, draw)
      : size === set.size
        ? set.members()
        : distinctRandom(set.members(), set.size, size, draw);
    reply.arrayHeader(size);
    for (const member of members) reply.bulk(Buffer.from(member, 'latin1'));
  },
};
