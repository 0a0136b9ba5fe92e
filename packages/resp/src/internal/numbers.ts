/**
 * Strict number parsing straight from bytes, for the decoders' hot paths.
 *
 * RESP numbers are ASCII digits with an optional sign. `:12a` and `: 12`
 * are errors, not 12: each function rejects anything but the exact syntax.
 * Up to 15 digits are accumulated as a double, which is exact; longer
 * integers go through BigInt so 64-bit values are never silently rounded.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { latin1 } from './bytes.js';

/** Returned by the parsers for input that is not a number. */
export const INVALID = Symbol('invalid number');

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Parses a signed integer (`-?[0-9]+`, or with `+` when `allowPlus`) from
 * `buf[start, end)`. Returns a number when it is a safe integer, else a
 * bigint.
 */
export function parseInteger(
  buf: Buffer,
  start: number,
  end: number,
  allowPlus: boolean,
): number | bigint | typeof INVALID {
  let i = start;
  const sign = buf[i];
  const negative = sign === 45;
  if (negative || (allowPlus && sign === 43)) i++;
  if (i === end) return INVALID;
  if (end - i <= 15) {
    let n = 0;
    for (; i < end; i++) {
      const digit = buf[i]! - 48;
      if (digit < 0 || digit > 9) return INVALID;
      n = n * 10 + digit;
    }
    return negative ? -n : n;
  }
  for (let j = i; j < end; j++) {
    const digit = buf[j]! - 48;
    if (digit < 0 || digit > 9) return INVALID;
  }
  const big = BigInt(latin1(buf, start, end));
  return big <= MAX_SAFE && big >= MIN_SAFE ? Number(big) : big;
}

/**
 * Parses a length or count: an integer with an optional `-`. Returns NaN for
 * anything else. Counts too long to be exact come back as Infinity, which
 * every limit rejects; negatives come back as they are (`-1` is a null, and
 * request decoding ignores `*-10` as Redis does).
 */
export function parseLength(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  if (i === end) return Number.NaN;
  if (end - i > 15) {
    for (; i < end; i++) {
      const digit = buf[i]! - 48;
      if (digit < 0 || digit > 9) return Number.NaN;
    }
    return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  let n = 0;
  for (; i < end; i++) {
    const digit = buf[i]! - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = n * 10 + digit;
  }
  return negative ? -n : n;
}

/** 2^63 - 1 and 2^63 as BigInts: the bounds of Redis's `long long`. */
const LLONG_MAX = 2n ** 63n - 1n;
const LLONG_MIN_MAGNITUDE = 2n ** 63n;

/**
 * Parses a request's count (`*n`) or argument length (`$n`) exactly as
 * Redis's `string2ll` does: `0`, or an optional `-` and a digit 1-9 then
 * digits; no `+`, no leading zero, no `-0`; fewer than 21 characters;
 * within a signed 64-bit integer. Returns NaN for anything else. Values
 * beyond 2^53 come back inexact but on the right side of every limit the
 * decoder applies (all of them far below 2^53).
 */
export function parseRequestLength(buf: Buffer, start: number, end: number): number {
  const size = end - start;
  if (size === 0 || size >= 21) return Number.NaN;
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  if (i === end) return Number.NaN;
  const first = buf[i]!;
  if (first === 48) return size === 1 ? 0 : Number.NaN;
  if (first < 49 || first > 57) return Number.NaN;
  let n = 0;
  for (; i < end; i++) {
    const digit = buf[i]! - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = n * 10 + digit;
  }
  // 19 digits or more may leave the 64-bit range, which string2ll refuses.
  if (size - (negative ? 1 : 0) >= 19) {
    const magnitude = BigInt(latin1(buf, negative ? start + 1 : start, end));
    if (magnitude > (negative ? LLONG_MIN_MAGNITUDE : LLONG_MAX)) return Number.NaN;
  }
  return negative ? -n : n;
}

const DOUBLE_SYNTAX = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a RESP3 double: decimal or exponent notation, and `inf`, `-inf`,
 * `nan` in any case, plus the spellings older servers send (`+inf`,
 * `infinity`, `-nan`).
 */
export function parseDouble(text: string): number | typeof INVALID {
  if (DOUBLE_SYNTAX.test(text)) return Number(text);
  switch (text.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    case 'nan':
    case '-nan':
    case '+nan':
      return Number.NaN;
    default:
      return INVALID;
  }
}

const BIG_NUMBER_SYNTAX = /^[+-]?\d+$/;

/** Parses a RESP3 big number. */
export function parseBigNumber(text: string): bigint | typeof INVALID {
  return BIG_NUMBER_SYNTAX.test(text) ? BigInt(text) : INVALID;
}
