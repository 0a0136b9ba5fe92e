/**
 * SINTERSTORE: stores the intersection of the given sets at destination
 * (deleting it when the intersection is empty); replies with its size.
 *
 * ```text
 * SINTERSTORE destination key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { intersection, readSets, storeSet } from '../internal/sets.js';
import { MemberSet } from '../member-set.js';

export const sinterstore: Command = {
  name: 'sinterstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: [1, -1, 1],
  execute(context, args) {
    const { keyspace, now } = context;
    const result = new MemberSet(keyspace.limits);
    for (const member of intersection(readSets(keyspace, args, 2, args.length, now)))
      result.add(member);
    storeSet(context, args.latin1(1), result, 'sinterstore');
  },
};
