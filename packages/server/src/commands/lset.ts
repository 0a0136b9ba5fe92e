/**
 * LSET: replaces the element at an index (negative from the tail).
 *
 * ```text
 * LSET key index element
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { indexOf } from '../internal/lists.js';
import { NOTIFY_LIST } from '../keyspace-events.js';

export const lset: Command = {
  name: 'lset',
  arity: 4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const list = keyspace.getList(key, now)?.value;
    if (list === undefined) throw new CommandError(Replies.noSuchKey);
    if (!list.set(indexOf(integerArg(args, 2)), args.copy(3)))
      throw new CommandError('ERR index out of range');
    keyspace.touch(key);
    keyspace.notify(NOTIFY_LIST, 'lset', key);
    reply.ok();
  },
};
