/**
 * GETSET: stores a value and replies with the old one (and drops the deadline).
 *
 * ```text
 * GETSET key value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const getset: Command = {
  name: 'getset',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const old = keyspace.readString(key, now)?.value ?? null;
    keyspace.set(key, args.copy(2), now);
    keyspace.notify(NOTIFY_STRING, 'set', key);
    reply.bulk(old);
  },
};
