/**
 * SUNIONSTORE: stores the union of the given sets at destination
 * (deleting it when the union is empty); replies with its size.
 *
 * ```text
 * SUNIONSTORE destination key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { readSets, storeSet, unionOrDifference } from '../internal/sets.js';

export const sunionstore: Command = {
  name: 'sunionstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: [1, -1, 1],
  execute(context, args) {
    const { keyspace, now } = context;
    const result = unionOrDifference(
      readSets(keyspace, args, 2, args.length, now),
      false,
      keyspace.limits,
    );
    storeSet(context, args.latin1(1), result, 'sunionstore');
  },
};
