/**
 * PSETEX: stores a value with a deadline in milliseconds.
 *
 * ```text
 * PSETEX key milliseconds value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { deadlineArg } from '../internal/expiry.js';

export const psetex: Command = {
  name: 'psetex',
  arity: 4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const deadline = deadlineArg(args, 2, 'PX', 'psetex', now);
    keyspace.set(args.latin1(1), args.copy(3), deadline);
    reply.ok();
  },
};
