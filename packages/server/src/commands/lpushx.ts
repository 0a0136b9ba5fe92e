/**
 * LPUSHX: LPUSH only onto an existing list; replies 0 when there is none.
 *
 * ```text
 * LPUSHX key element [element ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { pushElements } from '../internal/lists.js';

export const lpushx: Command = {
  name: 'lpushx',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    pushElements(context, args, true, true);
  },
};
