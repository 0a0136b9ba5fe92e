/**
 * DECR: subtracts 1 from the integer value (0 when missing); replies with the result.
 *
 * ```text
 * DECR key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { applyIncrement } from '../internal/strings.js';

export const decr: Command = {
  name: 'decr',
  arity: 2,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const delta = -1;
    applyIncrement(context, args.latin1(1), delta);
  },
};
