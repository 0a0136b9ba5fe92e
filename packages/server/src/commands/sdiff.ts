/**
 * SDIFF: the members of the first set that no other given set has, as a
 * set reply (absent keys count as empty).
 *
 * ```text
 * SDIFF key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { readSets, replyMembers, unionOrDifference } from '../internal/sets.js';

export const sdiff: Command = {
  name: 'sdiff',
  arity: -2,
  flags: ['readonly'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    replyMembers(
      reply,
      unionOrDifference(readSets(keyspace, args, 1, args.length, now), true, keyspace.limits),
    );
  },
};
