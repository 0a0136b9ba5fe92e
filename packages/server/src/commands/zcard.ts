/**
 * ZCARD: how many members a sorted set has (0 for an absent key).
 *
 * ```text
 * ZCARD key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const zcard: Command = {
  name: 'zcard',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.integer(keyspace.readZset(args.latin1(1), now)?.value.size ?? 0);
  },
};
