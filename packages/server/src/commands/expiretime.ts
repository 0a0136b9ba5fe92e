/**
 * EXPIRETIME: the deadline in unix seconds; -1 without one, -2 when missing.
 *
 * ```text
 * EXPIRETIME key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyWithDeadline } from '../internal/ttl.js';

export const expiretime: Command = {
  name: 'expiretime',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    replyWithDeadline(context, args, (deadline) => Math.floor(deadline / 1000));
  },
};
