/**
 * PERSIST: removes the key's deadline; replies 1 when there was one.
 *
 * ```text
 * PERSIST key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const persist: Command = {
  name: 'persist',
  arity: 2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    if (entry === undefined || entry.expiresAt === 0) {
      reply.integer(0);
      return;
    }
    keyspace.setExpiry(key, entry, 0);
    keyspace.notify(NOTIFY_GENERIC, 'persist', key);
    reply.integer(1);
  },
};
