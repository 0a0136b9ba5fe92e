/**
 * DECRBY: subtracts an integer from the value; replies with the result.
 *
 * ```text
 * DECRBY key decrement
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { applyIncrement } from '../internal/strings.js';

export const decrby: Command = {
  name: 'decrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const raw = integerArg(args, 2);
    // Negating the smallest 64-bit integer would overflow.
    if (raw === -(2n ** 63n)) throw new CommandError('ERR decrement would overflow');
    const delta = -raw;
    applyIncrement(context, args.latin1(1), delta);
  },
};
