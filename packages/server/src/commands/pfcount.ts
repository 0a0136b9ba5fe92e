/**
 * PFCOUNT: the estimated number of distinct elements added to the
 * HyperLogLog at key (0 for an absent key), or of the union of several.
 * One key's estimate is cached in its header, which is why a count can
 * change the value (and make a WATCH fail), as in Redis.
 *
 * ```text
 * PFCOUNT key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError } from '../errors.js';
import {
  cachedCardinality,
  estimate,
  HLL_REGISTERS,
  INVALID_HLL,
  isHll,
  mergeRegisters,
  NOT_AN_HLL,
  writeCardinality,
} from '../hyperloglog.js';

export const pfcount: Command = {
  name: 'pfcount',
  arity: -2,
  flags: ['readonly'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    if (args.length > 2) {
      // The union: each register's maximum over the keys, one per byte.
      const max = new Uint8Array(HLL_REGISTERS);
      for (let i = 1; i < args.length; i++) {
        const entry = keyspace.readString(args.latin1(i), now);
        if (entry === undefined) continue;
        if (!isHll(entry.value)) throw new CommandError(NOT_AN_HLL);
        if (!mergeRegisters(max, entry.value)) throw new CommandError(INVALID_HLL);
      }
      reply.integer(estimate(max, true)!);
      return;
    }
    const key = args.latin1(1);
    const entry = keyspace.readString(key, now);
    if (entry === undefined) {
      reply.integer(0);
      return;
    }
    if (!isHll(entry.value)) throw new CommandError(NOT_AN_HLL);
    entry.encoding = 'raw';
    const cached = cachedCardinality(entry.value);
    if (cached !== undefined) {
      reply.integer(cached);
      return;
    }
    const card = estimate(entry.value);
    if (card === undefined) throw new CommandError(INVALID_HLL);
    // In place, as Redis writes it (replies copy what they send).
    writeCardinality(entry.value, card);
    keyspace.touch(key);
    reply.integer(card);
  },
};
