/**
 * PEXPIRETIME: the deadline in unix milliseconds; -1 without one, -2 when missing.
 *
 * ```text
 * PEXPIRETIME key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyWithDeadline } from '../internal/ttl.js';

export const pexpiretime: Command = {
  name: 'pexpiretime',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    replyWithDeadline(context, args, (deadline) => deadline);
  },
};
