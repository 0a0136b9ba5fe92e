/**
 * TTL: seconds until the key expires; -1 without a deadline, -2 when missing.
 *
 * ```text
 * TTL key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const ttl: Command = {
  name: 'ttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const entry = keyspace.get(args.latin1(1), now);
    if (entry === undefined) reply.integer(-2);
    else if (entry.expiresAt === 0) reply.integer(-1);
    else reply.integer(Math.floor((entry.expiresAt - now + 500) / 1000));
  },
};
