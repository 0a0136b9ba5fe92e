/**
 * ZRANDMEMBER: random members of a sorted set, as Redis 7.0 picks them.
 * Without a count: one member, or a null for an absent key. With a
 * positive count: that many distinct members (the whole set when it has
 * no more, highest score first: Redis's set iterator walks from the
 * tail). With a negative count: that many members
 * drawn independently, so they may repeat. WITHSCORES adds each one's
 * score (pairs in RESP3).
 *
 * ```text
 * ZRANDMEMBER key [count [WITHSCORES]]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';
import { distinctRandom, drawnRandom, MAX_RANDOM_ITEMS } from '../internal/random-picks.js';
import { replyScore } from '../internal/scores.js';

const LONG_MAX = 2n ** 63n - 1n;

export const zrandmember: Command = {
  name: 'zrandmember',
  arity: -2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    if (args.length === 2) {
      const member = keyspace.readZset(key, now)?.value.randomMember();
      reply.bulk(member === undefined ? null : Buffer.from(member, 'latin1'));
      return;
    }
    // Redis's getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX).
    const count = BigInt(integerArg(args, 2));
    if (count < -LONG_MAX)
      throw new CommandError(
        'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
      );
    if (args.length > 4 || (args.length === 4 && option(args, 3) !== 'WITHSCORES'))
      throw new CommandError(Replies.syntax);
    const withScores = args.length === 4;
    // Redis refuses what would overflow the doubled RESP2 reply length.
    if (withScores && (count < -LONG_MAX / 2n || count > LONG_MAX / 2n))
      throw new CommandError('ERR value is out of range');
    const zset = keyspace.readZset(key, now)?.value;
    if (zset === undefined || count === 0n) {
      reply.arrayHeader(0);
      return;
    }
    const distinct = count > 0n;
    const magnitude = distinct ? count : -count;
    const size = distinct && magnitude > BigInt(zset.size) ? zset.size : Number(magnitude);
    if (size > MAX_RANDOM_ITEMS) throw new CommandError('ERR value is out of range');
    const draw = () => zset.randomMember()!;
    // Lazily: the draws never walk the set.
    const inOrder = function* () {
      for (const node of zset.nodes()) yield node.member;
    };
    // A count of 1 is a single draw in Redis, whatever the size.
    const members =
      !distinct || size === 1
        ? drawnRandom(size, draw)
        : size === zset.size
          ? [...inOrder()].reverse()
          : distinctRandom(inOrder(), zset.size, size, draw, zset.encoding === 'listpack');
    const nested = withScores && reply.protocol === 3;
    reply.arrayHeader(withScores && !nested ? size * 2 : size);
    for (const member of members) {
      if (nested) reply.arrayHeader(2);
      reply.bulk(Buffer.from(member, 'latin1'));
      if (withScores) replyScore(reply, zset.score(member)!);
    }
  },
};
