/**
 * INCRBY: adds an integer to the value; replies with the result.
 *
 * ```text
 * INCRBY key increment
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { applyIncrement } from '../internal/strings.js';

export const incrby: Command = {
  name: 'incrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const delta = integerArg(args, 2);
    applyIncrement(context, args.latin1(1), delta);
  },
};
