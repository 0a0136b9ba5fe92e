/**
 * Argument parsing with Redis's rules and error texts.
 *
 * Integers follow Redis's `string2ll`: an optional `-`, no `+`, no spaces,
 * no leading zeros, within signed 64 bits. Floats follow `strtold` as
 * Redis uses it: no surrounding spaces, `inf` accepted, `nan` refused.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError, Replies } from '../errors.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_SYNTAX = /^(?:0|-?[1-9][0-9]*)$/;

/** Parses a signed 64-bit integer as Redis does; undefined when it is not one. */
export function toInteger(text: string): number | bigint | undefined {
  if (text.length === 0 || text.length > 20 || !INTEGER_SYNTAX.test(text)) return undefined;
  if (text.length < 16) return Number(text);
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) return undefined;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(big)
    : big;
}

/** Argument `i` as a 64-bit integer, or a CommandError with `reply`. */
export function integerArg(
  args: RequestArgs,
  i: number,
  reply: string = Replies.notInteger,
): number | bigint {
  const value = toInteger(args.latin1(i));
  if (value === undefined) throw new CommandError(reply);
  return value;
}

/**
 * Argument `i` as a C int, as Redis's getIntFromObjectOrReply reads it:
 * not an integer replies `reply` (default: not an integer), outside 32
 * bits replies `reply` too when one is given, else Redis's range error.
 */
export function int32Arg(args: RequestArgs, i: number, reply?: string): number {
  const value = integerArg(args, i, reply);
  if (typeof value === 'bigint' || value < -(2 ** 31) || value > 2 ** 31 - 1) {
    throw new CommandError(
      reply ?? 'ERR value is out of range, value must between -2147483648 and 2147483647',
    );
  }
  return value;
}

/** Argument `i` upper-cased, for matching options. */
export function option(args: RequestArgs, i: number): string {
  return args.latin1(i).toUpperCase();
}

/**
 * Argument `i` as Redis quotes it in an error message (a C `%s`): its
 * bytes as Latin-1 text, up to the first NUL byte.
 */
export function quoted(args: RequestArgs, i: number): string {
  const text = args.latin1(i);
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}

/**
 * C's strtoll on a whole word, as Redis reads some settings: leading white
 * space and a sign, then digits; out of range saturates; "" reads as 0.
 * Undefined when anything else follows, or when there are no digits.
 */
export function strtoll(word: string): number | undefined {
  const match = /^[\t\n\v\f\r ]*([+-]?)(\d*)$/.exec(word);
  if (match === null) return undefined;
  // No digits: strtoll stops at the word's start, so only "" reads (as 0).
  if (match[2] === '') return word === '' ? 0 : undefined;
  const digits = match[2] === '' ? 0n : BigInt(match[2]!);
  const value = match[1] === '-' ? -digits : digits;
  const clamped =
    value > 2n ** 63n - 1n ? 2n ** 63n - 1n : value < -(2n ** 63n) ? -(2n ** 63n) : value;
  return Number(clamped);
}
