/**
 * GETDEL: replies with the value and deletes the key.
 *
 * ```text
 * GETDEL key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const getdel: Command = {
  name: 'getdel',
  arity: 2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const entry = keyspace.readString(key, now);
    if (entry !== undefined) {
      keyspace.delete(key);
      keyspace.notify(NOTIFY_GENERIC, 'del', key);
    }
    reply.bulk(entry?.value ?? null);
  },
};
