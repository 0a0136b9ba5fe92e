/**
 * LMOVE: pops an element from one end of a list and pushes it at one end
 * of another (created when absent; it may be the same list, which then
 * rotates); replies with the element, or a null when the source is absent.
 *
 * ```text
 * LMOVE source destination LEFT|RIGHT LEFT|RIGHT
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { moveElement, sideArg } from '../internal/lists.js';

export const lmove: Command = {
  name: 'lmove',
  arity: 5,
  flags: ['write', 'denyoom'],
  keys: [1, 2, 1],
  execute(context, args) {
    const from = sideArg(args, 3);
    const to = sideArg(args, 4);
    moveElement(context, args.latin1(1), args.latin1(2), from, to);
  },
};
