/**
 * LTRIM: keeps only the elements from start to stop, inclusive (indexes
 * as LRANGE's); the key goes when none is kept. Replies OK, also for an
 * absent key.
 *
 * ```text
 * LTRIM key start stop
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { indexOf, listRange } from '../internal/lists.js';
import { NOTIFY_GENERIC, NOTIFY_LIST } from '../keyspace-events.js';

export const ltrim: Command = {
  name: 'ltrim',
  arity: 4,
  flags: ['write'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const start = indexOf(integerArg(args, 2));
    const stop = indexOf(integerArg(args, 3));
    const key = args.latin1(1);
    const list = keyspace.getList(key, now)?.value;
    if (list !== undefined) {
      const range = listRange(start, stop, list.length);
      if (range === undefined) list.clear();
      else list.trim(range[0], range[1]);
      // Redis notifies and signals even when nothing was trimmed.
      keyspace.notify(NOTIFY_LIST, 'ltrim', key);
      if (list.length === 0) {
        keyspace.delete(key);
        keyspace.notify(NOTIFY_GENERIC, 'del', key);
      } else keyspace.touch(key);
    }
    reply.ok();
  },
};
