/**
 * SREM: removes members from a set; replies with how many were there. The
 * key is deleted with its last member.
 *
 * ```text
 * SREM key member [member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_GENERIC, NOTIFY_SET } from '../keyspace-events.js';

export const srem: Command = {
  name: 'srem',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const set = keyspace.getSet(key, now)?.value;
    let removed = 0;
    if (set !== undefined) {
      for (let i = 2; i < args.length; i++) {
        if (set.delete(args.latin1(i))) removed++;
        // Redis stops at the member that empties the set, and deletes the key.
        if (set.size === 0) break;
      }
    }
    if (removed > 0) {
      keyspace.touch(key);
      keyspace.notify(NOTIFY_SET, 'srem', key);
      if (set!.size === 0) {
        keyspace.delete(key);
        keyspace.notify(NOTIFY_GENERIC, 'del', key);
      }
    }
    reply.integer(removed);
  },
};
