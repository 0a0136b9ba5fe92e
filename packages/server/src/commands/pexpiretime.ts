/**
 * PEXPIRETIME: the deadline in unix milliseconds; -1 without one, -2 when missing.
 *
 * ```text
 * PEXPIRETIME key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const pexpiretime: Command = {
  name: 'pexpiretime',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const entry = keyspace.get(args.latin1(1), now);
    if (entry === undefined) reply.integer(-2);
    else if (entry.expiresAt === 0) reply.integer(-1);
    else reply.integer(entry.expiresAt);
  },
};
