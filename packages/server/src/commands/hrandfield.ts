/**
 * HRANDFIELD: random fields of a hash, as Redis 7.0 picks them. Without a
 * count: one field, or a null bulk for an absent key. With a positive
 * count: that many distinct fields (the whole hash, in its order, when it
 * has no more; a small part of a small hash also in its order, as Redis's
 * listpack pick; otherwise in random order). With a negative count: that many fields drawn independently,
 * so they may repeat. WITHVALUES adds each field's value: after it in
 * RESP2's flat array, as a [field, value] pair in RESP3.
 *
 * ```text
 * HRANDFIELD key [count [WITHVALUES]]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';
import { distinctRandom, drawnRandom, MAX_RANDOM_ITEMS } from '../internal/random-picks.js';

const LONG_MAX = 2n ** 63n - 1n;

export const hrandfield: Command = {
  name: 'hrandfield',
  arity: -2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    if (args.length === 2) {
      const hash = keyspace.readHash(key, now)?.value;
      const field = hash?.randomField();
      reply.bulk(field === undefined ? null : Buffer.from(field, 'latin1'));
      return;
    }
    // Redis's getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX).
    const count = BigInt(integerArg(args, 2));
    if (count < -LONG_MAX)
      throw new CommandError(
        'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
      );
    if (args.length > 4 || (args.length === 4 && option(args, 3) !== 'WITHVALUES'))
      throw new CommandError(Replies.syntax);
    const withValues = args.length === 4;
    if (withValues && (count < -LONG_MAX / 2n || count > LONG_MAX / 2n))
      throw new CommandError('ERR value is out of range');
    const hash = keyspace.readHash(key, now)?.value;
    if (hash === undefined || count === 0n) {
      reply.arrayHeader(0);
      return;
    }
    const distinct = count > 0n;
    const magnitude = distinct ? count : -count;
    // A distinct pick never holds more than the hash.
    const size = distinct && magnitude > BigInt(hash.size) ? hash.size : Number(magnitude);
    if (size > MAX_RANDOM_ITEMS) throw new CommandError('ERR value is out of range');
    const draw = () => hash.randomField()!;
    const fields = !distinct
      ? drawnRandom(size, draw)
      : size === hash.size
        ? hash.fields()
        : distinctRandom(hash.fields(), hash.size, size, draw, hash.encoding === 'listpack');
    // RESP2: field, value, field, value...; RESP3: [field, value] pairs.
    const flat = withValues && reply.protocol === 2;
    reply.arrayHeader(flat ? size * 2 : size);
    for (const field of fields) {
      if (withValues && !flat) reply.arrayHeader(2);
      reply.bulk(Buffer.from(field, 'latin1'));
      if (withValues) reply.bulk(hash.get(field)!);
    }
  },
};
