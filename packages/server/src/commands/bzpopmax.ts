/**
 * BZPOPMAX: ZPOPMAX from the first of the keys holding a sorted set,
 * replying [key, member, score]; when none does, blocks the connection
 * until a sorted set is stored at one of them (then pops from it) or the
 * timeout (seconds, a float; 0 for ever) passes, replying a null array.
 * Inside a transaction it never blocks. Waiters are served in the order
 * they blocked.
 *
 * ```text
 * BZPOPMAX key [key ...] timeout
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { timeoutArg } from '../internal/blocking.js';
import { blockingZpop } from '../internal/zsets.js';

export const bzpopmax: Command = {
  name: 'bzpopmax',
  arity: -3,
  flags: ['write', 'noscript', 'blocking', 'fast'],
  keys: [1, -2, 1],
  execute(context, args) {
    const ms = timeoutArg(args, args.length - 1, context.now);
    const keys: string[] = [];
    for (let i = 1; i < args.length - 1; i++) keys.push(args.latin1(i));
    blockingZpop(context, keys, ms, false, 1, 'keyed');
  },
};
