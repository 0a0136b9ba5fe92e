/**
 * HSETNX: sets a field of a hash only when the field is absent; replies 1
 * when it was set, 0 when it already existed (the hash is unchanged).
 *
 * ```text
 * HSETNX key field value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_HASH } from '../keyspace-events.js';

export const hsetnx: Command = {
  name: 'hsetnx',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const field = args.latin1(2);
    const existing = keyspace.getHash(key, now);
    if (existing?.value.has(field)) {
      reply.integer(0);
      return;
    }
    keyspace.hashForWrite(key, now).set(field, args.copy(3));
    if (existing !== undefined) keyspace.touch(key);
    keyspace.notify(NOTIFY_HASH, 'hset', key);
    reply.integer(1);
  },
};
