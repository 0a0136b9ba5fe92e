/**
 * PTTL: milliseconds until the key expires; -1 without a deadline, -2 when missing.
 *
 * ```text
 * PTTL key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyWithDeadline } from '../internal/ttl.js';

export const pttl: Command = {
  name: 'pttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    replyWithDeadline(context, args, (deadline, now) => deadline - now);
  },
};
