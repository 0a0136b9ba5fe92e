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

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { Hash } from '../hash.js';
import { integerArg, option } from '../internal/args.js';

const LONG_MAX = 2n ** 63n - 1n;
/**
 * The most fields one reply may hold. Redis has no such bound: a count of
 * -10^12 makes it build a reply until memory runs out. Past this, the
 * reply is refused with the text Redis uses for WITHVALUES's own bound.
 */
export const MAX_RANDOM_FIELDS = 2 ** 24;

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
    if (size > MAX_RANDOM_FIELDS) throw new CommandError('ERR value is out of range');
    const fields = distinct ? distinctFields(hash, size) : drawnFields(hash, size);
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

// `count` fields drawn independently (they may repeat).
function drawnFields(hash: Hash, count: number): string[] {
  const fields: string[] = [];
  for (let i = 0; i < count; i++) fields.push(hash.randomField()!);
  return fields;
}

// `count` distinct fields, at most the hash's size.
function distinctFields(hash: Hash, count: number): string[] {
  const size = hash.size;
  if (count >= size) return [...hash.fields()];
  if (count * 3 > size) {
    // Most of the hash: shuffle the first `count` places of all of it.
    const all = [...hash.fields()];
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(Math.random() * (size - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    all.length = count;
    return all;
  }
  if (hash.encoding === 'listpack') {
    // Selection sampling (Knuth's algorithm S): a uniform pick that keeps
    // the hash's order, as Redis's listpack pick does.
    const picked: string[] = [];
    let left = size;
    for (const field of hash.fields()) {
      if (Math.random() * left < count - picked.length) picked.push(field);
      left--;
    }
    return picked;
  }
  // A small part of a large hash: draw until `count` are distinct.
  const picked = new Set<string>();
  while (picked.size < count) picked.add(hash.randomField()!);
  return [...picked];
}
