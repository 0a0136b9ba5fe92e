/**
 * INCRBYFLOAT's arithmetic as Redis does it in C's `long double`: the x87
 * 80-bit format of the x86-64 builds people run (a 64-bit significand;
 * subnormals down to 2^-16445; finite values below 2^16384).
 *
 * Redis parses both operands with `strtold` (decimal or hex, correctly
 * rounded), adds them once, and prints the sum with `%.17Lf`, trimming
 * trailing zeros. JavaScript's doubles have a 53-bit significand, so they
 * would print 0.1 + 0.2 as `0.30000000000000004` where Redis prints `0.3`.
 * Here a value is an exact BigInt significand and a binary exponent, every
 * rounding is explicit (to nearest, ties to even, as the FPU and glibc's
 * printf do), and the replies match Redis byte for byte.
 *
 * Not a hot path: INCRBYFLOAT is rare next to GET and SET, so clarity wins
 * over speed here.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';

/** ± significand × 2^exponent, or an infinity. */
export interface LongDouble {
  readonly negative: boolean;
  readonly significand: bigint;
  readonly exponent: number;
  readonly infinite: boolean;
}

// The exponent of the smallest subnormal (2^-16445): the lowest a
// significand's unit may be.
const MIN_EXPONENT = -16445;
// A 64-bit significand times 2^exponent stays below 2^16384.
const MAX_EXPONENT = 16384 - 64;
const TWO_63 = 1n << 63n;
const TWO_64 = 1n << 64n;
// Redis copies an argument into a buffer of MAX_LONG_DOUBLE_CHARS (5 KiB)
// before parsing it; longer ones are not valid floats.
const MAX_TEXT_LENGTH = 5 * 1024 - 1;

/** +0: the value of a missing key. */
export const ZERO: LongDouble = { negative: false, significand: 0n, exponent: 0, infinite: false };

const DECIMAL = /^([+-]?)(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))(?:[eE]([+-]?[0-9]+))?$/;
const HEX =
  /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function infinity(negative: boolean): LongDouble {
  return { negative, significand: 0n, exponent: 0, infinite: true };
}

// The long double nearest to numerator / denominator (both positive).
function nearest(negative: boolean, numerator: bigint, denominator: bigint): LongDouble {
  if (numerator === 0n) return ZERO;
  // Start where the quotient has 64 or 65 bits; subnormals stop at MIN_EXPONENT.
  let exponent = Math.max(bitLength(numerator) - bitLength(denominator) - 64, MIN_EXPONENT);
  for (;;) {
    const n = exponent >= 0 ? numerator : numerator << BigInt(-exponent);
    const d = exponent >= 0 ? denominator << BigInt(exponent) : denominator;
    let significand = n / d;
    if (significand >= TWO_64) {
      exponent++;
      continue;
    }
    if (significand < TWO_63 && exponent > MIN_EXPONENT) {
      exponent--;
      continue;
    }
    const twiceRemainder = 2n * (n - significand * d);
    if (twiceRemainder > d || (twiceRemainder === d && (significand & 1n) === 1n)) significand++;
    if (significand === TWO_64) {
      significand = TWO_63;
      exponent++;
    }
    if (exponent > MAX_EXPONENT) return infinity(negative);
    if (significand === 0n) return { ...ZERO, negative };
    return { negative, significand, exponent, infinite: false };
  }
}

// ± digits × base^exponent, rounded; `undefined` where strtold reports a
// range error (overflow, or underflow all the way to zero).
function fromDigits(
  negative: boolean,
  digits: bigint,
  base: 2n | 10n,
  exponent: number,
): LongDouble | undefined {
  if (digits === 0n) return { ...ZERO, negative };
  // Rough magnitude in bits, to refuse absurd exponents before building
  // their powers: far past either end is a range error for strtold too.
  const bits = bitLength(digits) + exponent * (base === 10n ? Math.log2(10) : 1);
  if (bits > 16384 + 2) return undefined;
  if (bits < MIN_EXPONENT - 2) return undefined;
  const power = base ** BigInt(Math.abs(exponent));
  const value =
    exponent >= 0 ? nearest(negative, digits * power, 1n) : nearest(negative, digits, power);
  if (value.infinite || value.significand === 0n) return undefined;
  return value;
}

/**
 * A stored value read as `parseLongDouble` reads text. The length is
 * checked before any string is made: a value may be 512 MiB, longer than
 * V8 lets a string be (SETRANGE k 536870911 x; then INCRBYFLOAT k 1 threw).
 */
export function parseStoredLongDouble(value: Buffer): LongDouble | undefined {
  return value.length > MAX_TEXT_LENGTH ? undefined : parseLongDouble(value.toString('latin1'));
}

/**
 * Parses `text` as Redis's `string2ld` does (strtold on the whole text, no
 * leading space, no NaN, no range error). Returns `undefined` for anything
 * that is not a valid float; infinities are valid.
 */
export function parseLongDouble(text: string): LongDouble | undefined {
  if (text.length === 0 || text.length > MAX_TEXT_LENGTH) return undefined;
  let match = DECIMAL.exec(text);
  if (match !== null) {
    const [, sign, whole = '', fraction = '', onlyFraction = '', exponent = '0'] = match;
    const decimals = fraction + onlyFraction;
    // An exponent too long for a number is out of range either way.
    const power = Number(exponent) - decimals.length;
    if (!Number.isSafeInteger(power)) return undefined;
    return fromDigits(sign === '-', BigInt(whole + decimals), 10n, power);
  }
  match = HEX.exec(text);
  if (match !== null) {
    const [, sign, whole = '', fraction = '', onlyFraction = '', exponent = '0'] = match;
    const hexDecimals = fraction + onlyFraction;
    const power = Number(exponent) - 4 * hexDecimals.length;
    if (!Number.isSafeInteger(power)) return undefined;
    return fromDigits(sign === '-', BigInt(`0x${whole}${hexDecimals}`), 2n, power);
  }
  match = INFINITY.exec(text);
  if (match !== null) return infinity(match[1] === '-');
  return undefined;
}

/** `a + b`, rounded once; `null` when the sum is infinite or NaN (Redis's error case). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | null {
  if (a.infinite || b.infinite) return null;
  const exponent = Math.min(a.exponent, b.exponent);
  const signed = (x: LongDouble) =>
    (x.negative ? -x.significand : x.significand) << BigInt(x.exponent - exponent);
  const sum = signed(a) + signed(b);
  // An exact zero sum is +0 when rounding to nearest (and prints as 0 anyway).
  if (sum === 0n) return ZERO;
  const negative = sum < 0n;
  const magnitude = negative ? -sum : sum;
  const result =
    exponent >= 0
      ? nearest(negative, magnitude << BigInt(exponent), 1n)
      : nearest(negative, magnitude, 1n << BigInt(-exponent));
  return result.infinite ? null : result;
}

/**
 * Formats a finite value as Redis's `ld2string` in human mode: `%.17Lf`
 * (17 decimals, the last rounded to nearest, ties to even), then trailing
 * zeros and a bare point removed, and `-0` written `0`.
 */
export function formatLongDouble(value: LongDouble): string {
  const scale = 10n ** 17n;
  let scaled: bigint;
  if (value.exponent >= 0) {
    scaled = (value.significand << BigInt(value.exponent)) * scale;
  } else {
    const numerator = value.significand * scale;
    const denominator = 1n << BigInt(-value.exponent);
    scaled = numerator / denominator;
    const twiceRemainder = 2n * (numerator - scaled * denominator);
    if (twiceRemainder > denominator || (twiceRemainder === denominator && (scaled & 1n) === 1n))
      scaled++;
  }
  const whole = (scaled / scale).toString();
  const decimals = (scaled % scale).toString().padStart(17, '0').replace(/0+$/, '');
  const text = decimals === '' ? whole : `${whole}.${decimals}`;
  return value.negative && text !== '0' ? `-${text}` : text;
}
