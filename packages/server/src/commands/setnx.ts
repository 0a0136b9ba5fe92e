/**
 * SETNX: stores a value only if the key does not exist; replies 1 or 0.
 *
 * ```text
 * SETNX key value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const setnx: Command = {
  name: 'setnx',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    if (keyspace.has(key, now)) {
      reply.integer(0);
      return;
    }
    keyspace.set(key, args.copy(2), now);
    keyspace.notify(NOTIFY_STRING, 'set', key);
    reply.integer(1);
  },
};
