/**
 * SORT_RO: SORT without STORE (a read-only command).
 *
 * ```text
 * SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]]
 *   [ASC | DESC] [ALPHA]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { sortGeneric } from '../internal/sort.js';

export const sort_ro: Command = {
  name: 'sort_ro',
  arity: -2,
  flags: ['readonly', 'movablekeys'],
  keys: FIRST_KEY,
  execute(context, args) {
    sortGeneric(context, args, true);
  },
};
