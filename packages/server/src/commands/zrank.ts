/**
 * ZRANK: a member's 0-based rank by score, lowest first; a null when it is not one.
 *
 * ```text
 * ZRANK key member
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const zrank: Command = {
  name: 'zrank',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const rank = keyspace.readZset(args.latin1(1), now)?.value.rank(args.latin1(2));
    if (rank === undefined) reply.null();
    else reply.integer(rank);
  },
};
