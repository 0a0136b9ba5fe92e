/**
 * RPOP: removes and replies with the element at the tail of a list, or
 * a null for an absent key. With a count: up to that many, as an array
 * (in the order popped), or a null array for an absent key. The key is
 * deleted with its last element.
 *
 * ```text
 * RPOP key [count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { popElements } from '../internal/lists.js';

export const rpop: Command = {
  name: 'rpop',
  arity: -2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    popElements(context, args, false);
  },
};
