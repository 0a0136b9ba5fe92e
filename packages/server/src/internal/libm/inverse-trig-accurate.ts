/**
 * atan, atan2, asin and acos in double-double arithmetic, good to about
 * 2^-100: the slow and sure path of inverse-trig.ts, taken when its quick
 * one cannot tell which way the result rounds or does not apply, and the
 * table both share. All go through atan of a double-double, reduced
 * against a table of atan(j/64).
 *
 * @module
 */

import {
  add,
  addDouble,
  type DoubleDouble,
  dd,
  div,
  mul,
  mulDouble,
  sub,
  twoProduct,
} from './double-double.js';
import { HALF_PI, inverseOdds, negate, PI, polynomial } from './series.js';

// atan(j/64) for j = 0..64, and atan's series in d², +1, -1/3, +1/5, ...,
// built on first use.
let atanTable: DoubleDouble[] | undefined;
let atanCoefficients: DoubleDouble[] | undefined;

/** atan(j/64) for j = 0..64, built on first use. */
export function atanTableOf(): readonly DoubleDouble[] {
  if (atanTable === undefined) buildAtanTable();
  return atanTable!;
}

function buildAtanTable(): void {
  // Euler's series, atan c = Σ 2^2n (n!)² / (2n+1)! × c^(2n+1) / (1+c²)^(n+1),
  // whose terms shrink by at least c²/(1+c²) <= 1/2 each: 120 terms.
  const table: DoubleDouble[] = [];
  for (let j = 0; j <= 64; j++) {
    const c = j / 64;
    const ratio = div(dd(c * c), addDouble(dd(c * c), 1));
    let term = div(dd(c), addDouble(dd(c * c), 1));
    let sum = term;
    for (let n = 1; n <= 120; n++) {
      // term(n) = term(n-1) × 2n/(2n+1) × c²/(1+c²)
      term = mul(mul(term, ratio), div(dd(2 * n), dd(2 * n + 1)));
      sum = add(sum, term);
    }
    table.push(sum);
  }
  atanTable = table;
  atanCoefficients = inverseOdds().map((odd, n) => (n % 2 === 0 ? odd : negate(odd)));
}

// atan a for 0 <= a <= 1: atan c + atan d, c = j/64 nearest a and
// d = (a - c) / (1 + ac), |d| < 2^-7: 8 terms of atan's series reach 2^-112.
function atanReduced(a: DoubleDouble): DoubleDouble {
  const j = Math.round(a.hi * 64);
  const c = j / 64;
  const d = div(addDouble(a, -c), addDouble(mulDouble(a, c), 1));
  // atan d = d (1 - d²/3 + d⁴/5 - ...); from d⁶ on (under 2^-44 of the
  // sum) in plain doubles.
  return add(atanTable![j]!, mul(polynomial(mul(d, d), atanCoefficients!, 8, 3), d));
}

// atan q for a double-double q of any finite size (or infinite).
function atanDoubleDouble(q: DoubleDouble): DoubleDouble {
  if (atanTable === undefined) buildAtanTable();
  const negative = q.hi < 0;
  const a = negative ? { hi: -q.hi, lo: -q.lo } : q;
  let r: DoubleDouble;
  // Above 2^60, atan a = π/2 - 1/a to well below an ulp (and 1/a would
  // be too small for div's exact products).
  if (a.hi > 2 ** 60) r = sub(HALF_PI, dd(1 / a.hi));
  else if (a.hi > 1) r = sub(HALF_PI, atanReduced(div(dd(1), a)));
  else r = atanReduced(a);
  return negative ? { hi: -r.hi, lo: -r.lo } : r;
}

/** atan x for a finite x, rounded to nearest as glibc's. */
export function atanAccurate(x: number): number {
  // Below 2^-27 the cube term is under a thousandth of an ulp.
  if (Math.abs(x) < 2 ** -27) return x;
  return atanDoubleDouble(dd(x)).hi;
}

/**
 * atan2(y, x) for finite y and x, not both zero, rounded to nearest as
 * glibc's: atan(y/x), the quotient held to 106 bits, moved by π into
 * the quadrant of (x, y).
 */
export function atan2Accurate(y: number, x: number): number {
  if (y === 0 || x === 0) return Math.atan2(y, x);
  const ratio = y / x;
  if (!Number.isFinite(ratio) || Math.abs(ratio) > 2 ** 900 || Math.abs(ratio) < 2 ** -900)
    return Math.atan2(y, x);
  // y/x to 106 bits: q1 = y/x rounded, then the remainder y - q1·x exactly.
  const q = div(dd(y), dd(x));
  const angle = atanDoubleDouble(q);
  if (x > 0) return angle.hi;
  return (y > 0 ? add(angle, PI) : sub(angle, PI)).hi;
}

// √(1 - x²) for |x| < 1, to about 106 bits: x² is exact as a pair, so
// 1 - x² keeps its low bits even as x nears ±1; one Newton step on the
// double square root doubles its precision.
function cosineOfArcsine(x: number): DoubleDouble {
  const w = sub(dd(1), twoProduct(x, x));
  const s = Math.sqrt(w.hi);
  const e = sub(w, twoProduct(s, s));
  return addDouble(dd(s), (e.hi + e.lo) / (2 * s));
}

/** asin x for |x| <= 1, rounded to nearest as glibc's: atan(x / √(1 - x²)). */
export function asinAccurate(x: number): number {
  if (Math.abs(x) < 2 ** -26) return x;
  if (Math.abs(x) === 1) return x * HALF_PI.hi;
  return atanDoubleDouble(div(dd(x), cosineOfArcsine(x))).hi;
}

/** acos x for |x| <= 1, rounded to nearest as glibc's: atan2(√(1 - x²), x). */
export function acosAccurate(x: number): number {
  if (x === 1) return 0;
  if (x === -1) return PI.hi;
  // π/2 - x rounds to π/2 below 2^-54 (half an ulp of π/2 is 2^-53).
  if (Math.abs(x) < 2 ** -54) return HALF_PI.hi;
  const angle = atanDoubleDouble(div(cosineOfArcsine(x), dd(x)));
  return x > 0 ? angle.hi : add(angle, PI).hi;
}
