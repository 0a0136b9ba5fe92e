/**
 * BLPOP: LPOP from the first of the keys holding a list, replying
 * [key, element]; when none does, blocks the connection until a list is
 * stored at one of them (then pops its head) or the timeout (seconds, a
 * float; 0 for ever) passes, replying a null array. Inside a transaction
 * it never blocks. Waiters are served in the order they blocked.
 *
 * ```text
 * BLPOP key [key ...] timeout
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { blockingPop } from '../internal/lists.js';

export const blpop: Command = {
  name: 'blpop',
  arity: -3,
  flags: ['write', 'noscript', 'blocking'],
  keys: [1, -2, 1],
  execute(context, args) {
    blockingPop(context, args, true);
  },
};
