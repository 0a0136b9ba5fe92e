/**
 * LPUSH: pushes elements at the head of a list (each before the one pushed before it), creating it when absent; replies with the length.
 *
 * ```text
 * LPUSH key element [element ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { pushElements } from '../internal/lists.js';

export const lpush: Command = {
  name: 'lpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    pushElements(context, args, true, false);
  },
};
