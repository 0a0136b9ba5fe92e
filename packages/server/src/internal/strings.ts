/**
 * Helpers the string commands share: reading a value as an integer or a
 * float the way Redis does, and formatting a float the way INCRBYFLOAT
 * stores it.
 *
 * @module
 */

import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { toFloat, toInteger } from './args.js';

/** A stored value as a 64-bit integer, or the error Redis replies. */
export function storedInteger(value: Buffer | undefined): number | bigint {
  if (value === undefined) return 0;
  // Fast path (measured on INCR): up to 15 digits, no leading zero, read
  // straight from the bytes; anything else takes the exact general path.
  const length = value.length;
  if (length > 0 && length <= 15) {
    const negative = value[0] === 45;
    let i = negative ? 1 : 0;
    if (i < length && (value[i] !== 48 || length === 1)) {
      let n = 0;
      for (; i < length; i++) {
        const digit = value[i]! - 48;
        if (digit < 0 || digit > 9) break;
        n = n * 10 + digit;
      }
      if (i === length && !(negative && n === 0)) return negative ? -n : n;
    }
  }
  // Redis refuses values longer than a long long could be.
  const parsed = length > 20 ? undefined : toInteger(value.toString('latin1'));
  if (parsed === undefined) throw new CommandError(Replies.notInteger);
  return parsed;
}

/** A stored value as a float, or the error Redis replies. */
export function storedFloat(value: Buffer | undefined): number {
  if (value === undefined) return 0;
  const parsed = toFloat(value.toString('latin1'));
  if (parsed === undefined) throw new CommandError(Replies.notFloat);
  return parsed;
}

/**
 * Formats a float as INCRBYFLOAT stores it: plain decimal notation, no
 * exponent, no trailing zeros (Redis's `LD_STR_HUMAN`). Redis computes in
 * long double and prints 17 decimals, which shows a sum like 10.5 + 0.1 as
 * `10.6`; the shortest decimal that round-trips a double prints the same
 * in almost every case, where 17 fixed decimals of the double would show
 * its binary error (`10.59999999999999964`).
 */
export function formatFloat(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const shortest = String(value);
  if (!shortest.includes('e')) return shortest;
  // Tiny magnitudes: String() switches to exponent form below 1e-6.
  const fixed = value.toFixed(17).replace(/0+$/, '');
  return fixed.endsWith('.') ? fixed.slice(0, -1) : fixed;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `value + delta`, or the overflow error Redis replies. */
export function addInteger(value: number | bigint, delta: number | bigint): number | bigint {
  if (typeof value === 'number' && typeof delta === 'number') {
    const sum = value + delta;
    if (Number.isSafeInteger(sum)) return sum;
  }
  const sum = BigInt(value) + BigInt(delta);
  if (sum < INT64_MIN || sum > INT64_MAX) throw new CommandError(Replies.overflow);
  return sum >= BigInt(Number.MIN_SAFE_INTEGER) && sum <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(sum)
    : sum;
}

/** INCR, DECR, INCRBY and DECRBY: adds `delta` to the integer at `key` and replies with the result. */
export function applyIncrement(
  { reply, keyspace, now }: CommandContext,
  key: string,
  delta: number | bigint,
): void {
  const entry = keyspace.get(key, now);
  const result = addInteger(storedInteger(entry?.value), delta);
  const text = Buffer.from(String(result), 'latin1');
  if (entry === undefined) keyspace.set(key, text);
  else entry.value = text;
  reply.integer(result);
}
