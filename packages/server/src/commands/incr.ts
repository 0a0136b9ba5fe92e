/**
 * INCR: adds 1 to the integer value (0 when missing); replies with the result.
 *
 * ```text
 * INCR key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { applyIncrement } from '../internal/strings.js';

export const incr: Command = {
  name: 'incr',
  arity: 2,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const delta = 1;
    applyIncrement(context, args.latin1(1), delta);
  },
};
