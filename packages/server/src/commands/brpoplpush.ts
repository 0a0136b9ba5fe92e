/**
 * BRPOPLPUSH: BLMOVE source destination RIGHT LEFT timeout, its older name.
 *
 * ```text
 * BRPOPLPUSH source destination timeout
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { blockingMove } from '../internal/lists.js';

export const brpoplpush: Command = {
  name: 'brpoplpush',
  arity: 4,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  keys: [1, 2, 1],
  execute(context, args) {
    blockingMove(context, args, false, true, 3);
  },
};
