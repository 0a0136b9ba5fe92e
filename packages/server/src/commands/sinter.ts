/**
 * SINTER: the members every given set has, as a set reply (empty when a
 * key is absent); found by walking the smallest set, in its order, as
 * Redis does.
 *
 * ```text
 * SINTER key [key ...]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Command } from '../command.js';
import { intersection, readSets } from '../internal/sets.js';

export const sinter: Command = {
  name: 'sinter',
  arity: -2,
  flags: ['readonly'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    const members = intersection(readSets(keyspace, args, 1, args.length, now));
    reply.setHeader(members.length);
    for (const member of members) reply.bulk(Buffer.from(member, 'latin1'));
  },
};
