/**
 * RPUSH: pushes elements at the tail of a list, creating it when absent; replies with the length.
 *
 * ```text
 * RPUSH key element [element ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { pushElements } from '../internal/lists.js';

export const rpush: Command = {
  name: 'rpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    pushElements(context, args, false, false);
  },
};
