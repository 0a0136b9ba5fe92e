/**
 * SMEMBERS: every member of a set, as a set in RESP3 (an array in RESP2);
 * an intset's in ascending order, as Redis sends it. Empty for an absent key.
 *
 * ```text
 * SMEMBERS key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyMembers } from '../internal/sets.js';

export const smembers: Command = {
  name: 'smembers',
  arity: 2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    replyMembers(reply, keyspace.readSet(args.latin1(1), now)?.value);
  },
};
