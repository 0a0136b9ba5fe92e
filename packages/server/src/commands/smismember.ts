/**
 * SMISMEMBER: for each member asked, in order, 1 when it is in the set,
 * else 0 (all 0 for an absent key).
 *
 * ```text
 * SMISMEMBER key member [member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const smismember: Command = {
  name: 'smismember',
  arity: -3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const set = keyspace.readSet(args.latin1(1), now)?.value;
    reply.arrayHeader(args.length - 2);
    for (let i = 2; i < args.length; i++) reply.integer(set?.has(args.latin1(i)) ? 1 : 0);
  },
};
