/**
 * BLMOVE: LMOVE that, when the source is absent, blocks the connection
 * until a list is stored there or the timeout (seconds, a float; 0 for
 * ever) passes, replying a null array (as Redis 7.0 times out every list
 * pop). Inside a transaction it never blocks, and replies a null bulk.
 *
 * ```text
 * BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { blockingMove, sideArg } from '../internal/lists.js';

export const blmove: Command = {
  name: 'blmove',
  arity: 6,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  keys: [1, 2, 1],
  execute(context, args) {
    const from = sideArg(args, 3);
    const to = sideArg(args, 4);
    blockingMove(context, args, from, to, 5);
  },
};
