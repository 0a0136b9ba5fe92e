/**
 * ZREVRANK: a member's 0-based rank by score, highest first; a null when it is not one.
 *
 * ```text
 * ZREVRANK key member
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const zrevrank: Command = {
  name: 'zrevrank',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const rank = keyspace.readZset(args.latin1(1), now)?.value.rank(args.latin1(2), true);
    if (rank === undefined) reply.null();
    else reply.integer(rank);
  },
};
