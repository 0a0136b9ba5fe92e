/**
 * RPOPLPUSH: LMOVE source destination RIGHT LEFT, its older name.
 *
 * ```text
 * RPOPLPUSH source destination
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { moveElement } from '../internal/lists.js';

export const rpoplpush: Command = {
  name: 'rpoplpush',
  arity: 3,
  flags: ['write', 'denyoom'],
  keys: [1, 2, 1],
  execute(context, args) {
    moveElement(context, args.latin1(1), args.latin1(2), false, true);
  },
};
