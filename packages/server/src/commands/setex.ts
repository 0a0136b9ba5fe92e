/**
 * SETEX: stores a value with a deadline in seconds.
 *
 * ```text
 * SETEX key seconds value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { deadlineArg } from '../internal/expiry.js';
import { NOTIFY_GENERIC, NOTIFY_STRING } from '../keyspace-events.js';

export const setex: Command = {
  name: 'setex',
  arity: 4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const deadline = deadlineArg(args, 2, 'EX', 'setex', now);
    const key = args.latin1(1);
    keyspace.set(key, args.copy(3), now, deadline);
    keyspace.notify(NOTIFY_STRING, 'set', key);
    keyspace.notify(NOTIFY_GENERIC, 'expire', key);
    reply.ok();
  },
};
