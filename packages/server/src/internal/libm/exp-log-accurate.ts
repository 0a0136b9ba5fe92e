/**
 * exp and log in double-double arithmetic, good to about 2^-100: the slow
 * and sure path of exp-log.ts, taken when its quick one cannot tell which
 * way the result rounds (see there), and the tables both paths share.
 *
 * Arguments are reduced with tables built on first use (a few
 * milliseconds): log against 1 + j/128, exp against 2^(i/256), which
 * keeps the series short (8 terms for log, 9 for exp).
 *
 * @module
 */

import { add, type DoubleDouble, dd, div, mul, mulDouble, sub, twoSum } from './double-double.js';
import {
  exponentOf,
  inverseFactorials,
  inverseOdds,
  LN2,
  polynomial,
  powerOfTwo,
} from './series.js';

/** ln 2 / 256 (an exact scaling of LN2). */
export const LN2_BY_256 = dd(LN2.hi / 256, LN2.lo / 256);

// exp overflows above ln(DBL_MAX) (709.7827...) and rounds to zero below
// ln(2^-1075) (-745.1332...); a little margin either way, the exact
// boundary is decided by the scaling at the end.
export const EXP_OVERFLOW = 709.79;
export const EXP_UNDERFLOW = -745.2;

// ln(j/128) for j = 90..182 (index j), and 2^(i/256) for i = 0..255.
let logTable: DoubleDouble[] | undefined;
let twoPowTable: DoubleDouble[] | undefined;

/** ln(j/128) for j = 90..182 (at index j), built on first use. */
export function logTableOf(): readonly DoubleDouble[] {
  if (logTable === undefined) buildTables();
  return logTable!;
}

/** 2^(i/256) for i = 0..255, built on first use. */
export function twoPowTableOf(): readonly DoubleDouble[] {
  if (twoPowTable === undefined) buildTables();
  return twoPowTable!;
}

function buildTables(): void {
  // ln c = 2 atanh((c - 1) / (c + 1)); |s| < 0.18, so 24 terms reach 2^-110.
  const logs: DoubleDouble[] = [];
  for (let j = 90; j <= 182; j++) {
    // (j - 128)/128 and (j + 128)/128 are exact.
    logs[j] = twiceAtanh(div(dd((j - 128) / 128), dd((j + 128) / 128)), 24);
  }
  logTable = logs;
  // 2^(i/256) = e^(i ln2 / 256), |argument| < 0.7: 30 Taylor terms.
  const powers: DoubleDouble[] = [];
  for (let i = 0; i < 256; i++) powers.push(expSeries(mulDouble(LN2_BY_256, i), 30));
  twoPowTable = powers;
}

// 2 atanh(s) = 2s (1 + s²/3 + s⁴/5 + ...), through s^(2 terms - 1); the
// terms from s^(2 exact) on in plain doubles.
function twiceAtanh(s: DoubleDouble, terms: number, exact = terms): DoubleDouble {
  const sum = polynomial(mul(s, s), inverseOdds(), terms, exact);
  return mulDouble(mul(sum, s), 2);
}

// e^r by Taylor's series through r^terms / terms!; the terms from r^exact
// on in plain doubles.
function expSeries(r: DoubleDouble, terms: number, exact = terms + 1): DoubleDouble {
  return polynomial(r, inverseFactorials(), terms + 1, exact);
}

/**
 * ln x for a positive finite x (subnormals too), as a double-double good
 * to about 2^-100 relative.
 */
export function logDoubleDouble(x: number): DoubleDouble {
  if (logTable === undefined) buildTables();
  let k = 0;
  if (x < 2 ** -1022) {
    x *= 2 ** 54;
    k = -54;
  }
  const e = exponentOf(x);
  let m = x * 2 ** -e;
  k += e;
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  // m in [0.707, 1.415]; c = j/128 nearest it, and ln m = ln c + 2 atanh(s)
  // with s = (m - c) / (m + c), |s| < 2^-8: 8 terms reach 2^-128.
  // m - c is exact (Sterbenz: c/2 <= m <= 2c); m + c is held exactly.
  const j = Math.round(m * 128);
  const c = j / 128;
  const s = div(dd(m - c), twoSum(m, c));
  return add(add(mulDouble(LN2, k), logTable![j]!), twiceAtanh(s, 8, 2));
}

/**
 * e^t for a double-double t, rounded once to the nearest double
 * (subnormal results included); Infinity above the overflow threshold, 0
 * below the underflow one.
 */
export function expOf(t: DoubleDouble): number {
  if (t.hi > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
  if (t.hi < EXP_UNDERFLOW) return 0;
  if (twoPowTable === undefined) buildTables();
  // t = n ln2/256 + r with |r| <= ln2/512 (plus rounding); e^t is
  // 2^k × 2^(i/256) × e^r with n = 256k + i.
  const n = Math.round(t.hi * (256 / LN2.hi));
  const r = sub(t, mulDouble(LN2_BY_256, n));
  const i = n & 255;
  const k = (n - i) / 256;
  // |r| < 0.0014: 9 terms reach 2^-104.
  return scaleToDouble(mul(twoPowTable![i]!, expSeries(r, 9, 3)), k);
}

/**
 * v × 2^k rounded once to the nearest double, v in about [0.99, 2.01]
 * (a subnormal result rounds v itself, not v.hi).
 */
export function scaleToDouble(v: DoubleDouble, k: number): number {
  if (k >= -1021) return scaleByPowerOfTwo(v.hi, k);
  // A subnormal result has fewer bits than v.hi: scaling v.hi would round
  // a second time. Round v to a whole number of 2^-1074 units instead,
  // ties to even, looking at v.lo where v.hi sits exactly on a half.
  const shift = k + 1074;
  const h = v.hi * 2 ** shift;
  const l = v.lo * 2 ** shift;
  let units = Math.floor(h);
  const aboveHalf = h - units - 0.5;
  if (aboveHalf > 0 || (aboveHalf === 0 && (l > 0 || (l === 0 && units % 2 === 1)))) units++;
  return units * 2 ** -1074;
}

/**
 * y × 2^k for y in about [0.99, 2.01] and k >= -1021: a normal result
 * (or an infinity), so the scaling is exact and y, already rounded, is
 * the result rounded (2^k itself could overflow at k = 1024).
 */
export function scaleByPowerOfTwo(y: number, k: number): number {
  return k <= 1023 ? y * powerOfTwo(k) : y * 2 ** 1023 * powerOfTwo(k - 1023);
}
