/**
 * SORT: the elements of a list, set or sorted set in order, as numbers or
 * (ALPHA) as bytes, by themselves or BY other keys' values, a LIMIT window
 * of them, each replied as itself or as the values GET names, or STORE'd
 * as a list at destination (replying with its length).
 *
 * ```text
 * SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]]
 *   [ASC | DESC] [ALPHA] [STORE destination]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { sortGeneric } from '../internal/sort.js';

export const sort: Command = {
  name: 'sort',
  arity: -2,
  flags: ['write', 'denyoom', 'movablekeys'],
  keys: FIRST_KEY,
  execute(context, args) {
    sortGeneric(context, args, false);
  },
};
