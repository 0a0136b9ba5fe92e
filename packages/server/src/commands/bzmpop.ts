/**
 * BZMPOP: ZMPOP, blocking the connection when every key is empty or
 * absent until a sorted set is stored at one of them (then pops from it)
 * or the timeout (seconds, a float; 0 for ever) passes, replying a null
 * array. Inside a transaction it never blocks.
 *
 * ```text
 * BZMPOP timeout numkeys key [key ...] MIN | MAX [COUNT count]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { timeoutArg } from '../internal/blocking.js';
import { parseMultiPop } from '../internal/multi-pop.js';
import { blockingZpop } from '../internal/zsets.js';

export const bzmpop: Command = {
  name: 'bzmpop',
  arity: -5,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['write', 'blocking', 'movablekeys'],
  keys: NO_KEYS,
  execute(context, args) {
    // Redis parses the keys and options before the timeout.
    const { keys, first: min, count } = parseMultiPop(args, 2, ['MIN', 'MAX']);
    const ms = timeoutArg(args, 1, context.now);
    blockingZpop(context, keys, ms, min, count, 'keyedNested');
  },
};
