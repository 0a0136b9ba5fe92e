/**
 * SCARD: how many members a set holds (0 for an absent key).
 *
 * ```text
 * SCARD key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const scard: Command = {
  name: 'scard',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.integer(keyspace.readSet(args.latin1(1), now)?.value.size ?? 0);
  },
};
