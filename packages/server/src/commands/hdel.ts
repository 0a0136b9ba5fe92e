/**
 * HDEL: deletes fields of a hash; replies with how many existed. The key
 * is deleted with its last field (Redis keeps no empty hash).
 *
 * ```text
 * HDEL key field [field ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_GENERIC, NOTIFY_HASH } from '../keyspace-events.js';

export const hdel: Command = {
  name: 'hdel',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const hash = keyspace.getHash(key, now)?.value;
    let deleted = 0;
    if (hash !== undefined) {
      for (let i = 2; i < args.length; i++) {
        if (hash.delete(args.latin1(i))) deleted++;
        // Redis stops at the field that empties the hash, and deletes the key.
        if (hash.size === 0) break;
      }
    }
    if (deleted > 0) {
      keyspace.touch(key);
      keyspace.notify(NOTIFY_HASH, 'hdel', key);
      if (hash!.size === 0) {
        keyspace.delete(key);
        keyspace.notify(NOTIFY_GENERIC, 'del', key);
      }
    }
    reply.integer(deleted);
  },
};
