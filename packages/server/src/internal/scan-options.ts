/**
 * The arguments SCAN and HSCAN share, parsed as Redis 7.0's
 * `parseScanCursorOrReply` and `scanGenericCommand` parse them.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from './args.js';

/**
 * A cursor as Redis 7.0's `parseScanCursorOrReply` reads it, with C's
 * `strtoul`: the text up to its first NUL byte; no leading whitespace; an
 * optional sign, then decimal digits; a value that fits 64 bits, a
 * negative one wrapping around as strtoul's does (`-1` is 2^64 - 1); and
 * the empty text is 0. Returns undefined for what Redis calls an invalid
 * cursor.
 */
export function parseCursor(text: string): bigint | undefined {
  const nul = text.indexOf('\0');
  const c = nul === -1 ? text : text.slice(0, nul);
  if (c === '') return 0n;
  const match = /^([+-]?)([0-9]+)$/.exec(c);
  if (match === null) return undefined;
  const magnitude = BigInt(match[2]!);
  if (magnitude >= 2n ** 64n) return undefined;
  return match[1] === '-' ? (2n ** 64n - magnitude) % 2n ** 64n : magnitude;
}

/**
 * Argument `i` as a cursor, capped at 2^53 - 1 (a cursor past any this
 * server handed out simply ends the scan); `ERR invalid cursor` otherwise.
 */
export function scanCursorArg(args: RequestArgs, i: number): number {
  const cursor = parseCursor(args.latin1(i));
  if (cursor === undefined) throw new CommandError('ERR invalid cursor');
  return Number(cursor < 2n ** 53n ? cursor : 2n ** 53n - 1n);
}

/** SCAN's and HSCAN's options. */
export interface ScanOptions {
  /** How many items to visit (COUNT; default 10). */
  readonly count: number;
  /** The glob the items must match (MATCH); undefined for none. */
  readonly pattern: string | undefined;
  /** The type the keys must have, lower-cased (TYPE, SCAN's only). */
  readonly type: string | undefined;
}

/**
 * The options from argument `start` on: `COUNT count`, `MATCH pattern`,
 * and `TYPE type` when `allowType` (SCAN); anything else is a syntax error.
 */
export function parseScanOptions(
  args: RequestArgs,
  start: number,
  allowType: boolean,
): ScanOptions {
  let count = 10;
  let pattern: string | undefined;
  let type: string | undefined;
  for (let i = start; i < args.length; i += 2) {
    const name = option(args, i);
    if (i + 1 >= args.length) throw new CommandError(Replies.syntax);
    if (name === 'COUNT') {
      // A long long, as in Redis: below 1 is a syntax error, and a count
      // past 2^53 asks for no more than every item.
      const value = integerArg(args, i + 1);
      if (value < 1) throw new CommandError(Replies.syntax);
      count = Math.min(Number(value), Number.MAX_SAFE_INTEGER);
    } else if (name === 'MATCH') {
      // A lone `*` is no filter at all, as in Redis: it even keeps the
      // empty key, which globMatch's `*` does not match.
      const text = args.latin1(i + 1);
      pattern = text === '*' ? undefined : text;
    } else if (name === 'TYPE' && allowType) {
      type = args.latin1(i + 1).toLowerCase();
    } else {
      throw new CommandError(Replies.syntax);
    }
  }
  return { count, pattern, type };
}
