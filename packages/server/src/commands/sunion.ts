/**
 * SUNION: the members of any of the given sets, as a set reply (absent
 * keys count as empty), in the order of the set Redis builds for it.
 *
 * ```text
 * SUNION key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { readSets, replyMembers, unionOrDifference } from '../internal/sets.js';

export const sunion: Command = {
  name: 'sunion',
  arity: -2,
  flags: ['readonly'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    replyMembers(
      reply,
      unionOrDifference(readSets(keyspace, args, 1, args.length, now), false, keyspace.limits),
    );
  },
};
