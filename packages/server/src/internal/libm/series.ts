/**
 * What libm's functions share: constants to 107 bits, the coefficients of
 * the series they sum (built on first use), and Horner's rule with the
 * small high-order terms in plain doubles.
 *
 * @module
 */

import { add, type DoubleDouble, dd, div, mul, mulDouble } from './double-double.js';

/** ln 2, to 107 bits. */
export const LN2 = dd(Math.LN2, 2.3190468138462996e-17);
/** π/2 and π, to 107 bits. */
export const HALF_PI = dd(Math.PI / 2, 6.123233995736766e-17);
export const PI = dd(Math.PI, 1.2246467991473532e-16);

const view = new DataView(new ArrayBuffer(8));

/** The binary exponent of a positive normal double: x = m × 2^e, m in [1, 2). */
export function exponentOf(x: number): number {
  view.setFloat64(0, x);
  return ((view.getUint16(0) >> 4) & 0x7ff) - 1023;
}

// 2^k for k = -1074..1023, at index k + 1074.
const POWERS_OF_TWO = Float64Array.from({ length: 2098 }, (_, i) => 2 ** (i - 1074));

/**
 * 2^k for an integer k in -1074..1023 (every power of two a double
 * holds): `2 ** k` with a variable k goes through V8's general pow, which
 * cost more than the rest of a quick exp together.
 */
export function powerOfTwo(k: number): number {
  return POWERS_OF_TWO[k + 1074]!;
}

let factorials: DoubleDouble[] | undefined;
let odds: DoubleDouble[] | undefined;

/** 1/n! for n = 0..30, as double-doubles. */
export function inverseFactorials(): readonly DoubleDouble[] {
  if (factorials === undefined) {
    factorials = [dd(1)];
    for (let n = 1; n <= 30; n++) factorials.push(div(factorials[n - 1]!, dd(n)));
  }
  return factorials;
}

/** 1/(2n+1) for n = 0..24, as double-doubles. */
export function inverseOdds(): readonly DoubleDouble[] {
  if (odds === undefined) {
    odds = [];
    for (let n = 0; n <= 24; n++) odds.push(div(dd(1), dd(2 * n + 1)));
  }
  return odds;
}

/** -v. */
export function negate(v: DoubleDouble): DoubleDouble {
  return dd(-v.hi, -v.lo);
}

/**
 * Σ c[n] x^n for n < count, by Horner's rule. The terms from x^exact on
 * are summed in plain doubles: where x is small, their rounding falls far
 * below the result's last bit, and the double-double steps (the slow
 * part) are saved. The default keeps every step in double-doubles.
 */
export function polynomial(
  x: DoubleDouble,
  c: readonly DoubleDouble[],
  count = c.length,
  exact = count,
): DoubleDouble {
  let tail = 0;
  for (let n = count - 1; n >= exact; n--) tail = tail * x.hi + c[n]!.hi;
  let sum = exact < count ? mulDouble(x, tail) : dd(0);
  for (let n = Math.min(exact, count) - 1; n >= 0; n--) {
    sum = add(sum, c[n]!);
    if (n > 0) sum = mul(sum, x);
  }
  return sum;
}
