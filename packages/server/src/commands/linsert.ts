/**
 * LINSERT: inserts an element before or after the first element equal to
 * the pivot; replies with the new length, -1 when there is no pivot, or 0
 * for an absent key.
 *
 * ```text
 * LINSERT key BEFORE|AFTER pivot element
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';
import { NOTIFY_LIST } from '../keyspace-events.js';

export const linsert: Command = {
  name: 'linsert',
  arity: 5,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const where = option(args, 2);
    if (where !== 'BEFORE' && where !== 'AFTER') throw new CommandError(Replies.syntax);
    const key = args.latin1(1);
    const list = keyspace.getList(key, now)?.value;
    if (list === undefined) {
      reply.integer(0);
      return;
    }
    if (!list.insert(args.buffer(3), args.copy(4), where === 'AFTER')) {
      reply.integer(-1);
      return;
    }
    keyspace.touch(key);
    keyspace.notify(NOTIFY_LIST, 'linsert', key);
    reply.integer(list.length);
  },
};
