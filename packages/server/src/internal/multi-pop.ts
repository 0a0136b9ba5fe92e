/**
 * The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share, parsed as Redis
 * 7.0's lmpopGenericCommand and zmpopGenericCommand parse them:
 *
 * ```text
 * numkeys key [key ...] LEFT|RIGHT [COUNT count]    (lists)
 * numkeys key [key ...] MIN|MAX [COUNT count]       (sorted sets)
 * ```
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from './args.js';

/** What an M*POP asks for. */
export interface MultiPop {
  readonly keys: string[];
  /** Whether to pop from the first end (LEFT, MIN) rather than the last (RIGHT, MAX). */
  readonly first: boolean;
  /** How many to pop at most (1 without COUNT). */
  readonly count: number;
}

// A count past any collection's size: Redis's LONG_MAX caps nothing more.
function capped(value: number | bigint): number {
  return typeof value === 'bigint' || value > Number.MAX_SAFE_INTEGER
    ? Number.MAX_SAFE_INTEGER
    : value;
}

/**
 * The arguments from `numkeys` (argument `at`) on; `ends` names the
 * first and the last end (`['LEFT', 'RIGHT']` or `['MIN', 'MAX']`).
 * Errors are Redis's: `ERR numkeys should be greater than 0`,
 * `ERR count should be greater than 0`, or a syntax error.
 */
export function parseMultiPop(
  args: RequestArgs,
  at: number,
  ends: readonly [first: string, last: string],
): MultiPop {
  const numkeys = integerArg(args, at, 'ERR numkeys should be greater than 0');
  if (numkeys < 1) throw new CommandError('ERR numkeys should be greater than 0');
  const endIndex = at + 1 + capped(numkeys);
  if (endIndex >= args.length) throw new CommandError(Replies.syntax);
  const end = option(args, endIndex);
  if (end !== ends[0] && end !== ends[1]) throw new CommandError(Replies.syntax);
  let count = -1;
  for (let i = endIndex + 1; i < args.length; i++) {
    if (count === -1 && option(args, i) === 'COUNT' && i + 1 < args.length) {
      const value = integerArg(args, ++i, 'ERR count should be greater than 0');
      if (value < 1) throw new CommandError('ERR count should be greater than 0');
      count = capped(value);
    } else throw new CommandError(Replies.syntax);
  }
  const keys: string[] = [];
  for (let i = at + 1; i < endIndex; i++) keys.push(args.latin1(i));
  return { keys, first: end === ends[0], count: count === -1 ? 1 : count };
}
