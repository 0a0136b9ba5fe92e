/**
 * LLEN: the length of a list (0 for an absent key).
 *
 * ```text
 * LLEN key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const llen: Command = {
  name: 'llen',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.integer(keyspace.readList(args.latin1(1), now)?.value.length ?? 0);
  },
};
