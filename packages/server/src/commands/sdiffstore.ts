/**
 * SDIFFSTORE: stores the difference of the given sets (the first's members
 * no other has) at destination (deleting it when empty); replies with its
 * size.
 *
 * ```text
 * SDIFFSTORE destination key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { readSets, storeSet, unionOrDifference } from '../internal/sets.js';

export const sdiffstore: Command = {
  name: 'sdiffstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: [1, -1, 1],
  execute(context, args) {
    const { keyspace, now } = context;
    const result = unionOrDifference(
      readSets(keyspace, args, 2, args.length, now),
      true,
      keyspace.limits,
    );
    storeSet(context, args.latin1(1), result, 'sdiffstore');
  },
};
