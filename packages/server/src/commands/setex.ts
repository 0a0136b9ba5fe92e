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

export const setex: Command = {
  name: 'setex',
  arity: 4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const deadline = deadlineArg(args, 2, 'EX', 'setex', now);
    keyspace.set(args.latin1(1), args.copy(3), deadline);
    reply.ok();
  },
};
