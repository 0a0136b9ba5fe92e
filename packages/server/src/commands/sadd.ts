/**
 * SADD: adds members to a set, creating it when absent; replies with how
 * many were new.
 *
 * ```text
 * SADD key member [member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { NOTIFY_SET } from '../keyspace-events.js';

export const sadd: Command = {
  name: 'sadd',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const existed = keyspace.getSet(key, now) !== undefined;
    const set = keyspace.setForWrite(key, now, args.latin1(2));
    let added = 0;
    for (let i = 2; i < args.length; i++) if (set.add(args.latin1(i))) added++;
    if (added > 0) {
      // A new set has signalled its watchers as it was stored.
      if (existed) keyspace.touch(key);
      keyspace.notify(NOTIFY_SET, 'sadd', key);
    }
    reply.integer(added);
  },
};
