/**
 * LREM: removes elements equal to the given one: the first `count` from
 * the head when positive, the last -count from the tail when negative,
 * all when 0; replies with how many. The key goes with its last element.
 *
 * ```text
 * LREM key count element
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { indexOf } from '../internal/lists.js';
import { NOTIFY_GENERIC, NOTIFY_LIST } from '../keyspace-events.js';

export const lrem: Command = {
  name: 'lrem',
  arity: 4,
  flags: ['write'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const count = indexOf(integerArg(args, 2));
    const key = args.latin1(1);
    const list = keyspace.getList(key, now)?.value;
    if (list === undefined) {
      reply.integer(0);
      return;
    }
    const removed = list.remove(args.buffer(3), Math.abs(count), count >= 0);
    if (removed > 0) {
      keyspace.notify(NOTIFY_LIST, 'lrem', key);
      if (list.length === 0) {
        keyspace.delete(key);
        keyspace.notify(NOTIFY_GENERIC, 'del', key);
      } else keyspace.touch(key);
    }
    reply.integer(removed);
  },
};
