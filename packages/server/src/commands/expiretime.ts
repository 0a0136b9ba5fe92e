/**
 * EXPIRETIME: the deadline in unix seconds; -1 without one, -2 when missing.
 *
 * ```text
 * EXPIRETIME key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const expiretime: Command = {
  name: 'expiretime',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const entry = keyspace.get(args.latin1(1), now);
    if (entry === undefined) reply.integer(-2);
    else if (entry.expiresAt === 0) reply.integer(-1);
    else reply.integer(Math.floor(entry.expiresAt / 1000));
  },
};
