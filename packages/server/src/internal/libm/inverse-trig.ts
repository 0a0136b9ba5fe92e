/**
 * atan, atan2, asin and acos, rounded to nearest as glibc's, with the
 * quick evaluation and error bound of exp-log.ts and trig.ts (Ziv's
 * strategy): all go through atan of a double plus a tail, reduced
 * against the table of atan(j/64), in plain doubles with the leading
 * sums and products exact; the quotients (y/x, x/√(1 - x²), 1/a) and
 * √(1 - x²) to about 2^-104, so that only atan's short series rounds
 * at about 2^-67. Where the result rounds the same way at both ends of
 * the bound, that is the correctly rounded result; otherwise, and for
 * the arguments the quick path leaves out (very small or large ones,
 * quotients beyond 2^60), inverse-trig-accurate.ts decides. libm.test.ts
 * compares the two paths on random arguments.
 *
 * This is a measured hot path: it allocates nothing and returns its
 * second results through module variables.
 *
 * @module
 */

import { type DoubleDouble, productError, roundedIfDecided, sumError } from './double-double.js';
import {
  acosAccurate,
  asinAccurate,
  atan2Accurate,
  atanAccurate,
  atanTableOf,
} from './inverse-trig-accurate.js';
import { HALF_PI, PI } from './series.js';

/**
 * The quick path's error bound, relative to the result: the terms named
 * in atanParts come to about 2^-67 (the largest seen in 10^6 random
 * arguments of each function was 2^-66.9); this allows a factor of 16
 * or more.
 */
const ATAN_ERROR = 2 ** -62;

let table: readonly DoubleDouble[] | undefined;

// The results of quotient, atanParts and cosineOfArcsine: a double and
// what is left of the value.
let quotientHi = 0;
let quotientLow = 0;
let atanHi = 0;
let atanTail = 0;
let rootHi = 0;
let rootLow = 0;

/**
 * (nh + nl) / (dh + dl) as quotientHi + quotientLow, normalized, to about
 * 2^-104 of it: the quotient q of the leading parts and the quotient of
 * what it leaves, whose leading part nh - q·dh is exact (TwoProduct, then
 * Sterbenz). Both pairs normalized, their products far from overflow and
 * underflow.
 */
function quotient(nh: number, nl: number, dh: number, dl: number): void {
  const q = nh / dh;
  const ph = q * dh;
  const low = (nh - ph - productError(q, dh, ph) + nl - q * dl) / dh;
  quotientHi = q + low;
  quotientLow = low - (quotientHi - q);
}

/**
 * atan(ah + al) for a normalized ah + al from 0 to 2^60, as atanHi +
 * atanTail, within about 2^-66 of it.
 */
function atanParts(ah: number, al: number): void {
  if (table === undefined) table = atanTableOf();
  // Above 1, atan a = π/2 - atan(1/a).
  const reciprocal = ah > 1;
  if (reciprocal) {
    quotient(1, 0, ah, al);
    ah = quotientHi;
    al = quotientLow;
  }
  // atan a = atan c + atan d, c = j/64 nearest a, d = (a - c) / (1 + ac),
  // |d| <= 2^-7. a - c = (ah - c) + al, ah - c exact (Sterbenz, or c =
  // 0), the sum held exactly (TwoSum); 1 + ac = 1 + ah·c + al·c, ah·c
  // exactly (TwoProduct) and its sum with 1 (TwoSum).
  const j = Math.round(ah * 64);
  const c = j / 64;
  const uc = ah - c;
  const uh = uc + al;
  const ul = sumError(uc, al, uh);
  const ph = ah * c;
  const vs = 1 + ph;
  const ve = sumError(1, ph, vs) + productError(ah, c, ph) + al * c;
  const vh = vs + ve;
  const vl = ve - (vh - vs);
  quotient(uh, ul, vh, vl);
  const dh = quotientHi;
  const dl = quotientLow;
  // atan d = dh + τ + dl/(1 + dh²): τ = -dh³/3 + ... - dh¹¹/11 in doubles
  // (the next term is below 2^-91 of d), under 2^-15.6 of d and good to a
  // few ulps of itself, 2^-67 of d; dl/(1 + dh²) as dl(1 - dh²).
  const d2 = dh * dh;
  const tau = dh * d2 * (-1 / 3 + d2 * (1 / 5 + d2 * (-1 / 7 + d2 * (1 / 9 - d2 / 11))));
  // atan c + dh exactly (TwoSum); the rest rounds at about 2^-74, below
  // 2^-67 of the result (at least 2^-7 where c > 0; where c = 0 it is d).
  const T = table[j]!;
  const h = T.hi + dh;
  const tail = sumError(T.hi, dh, h) + T.lo + tau + dl * (1 - d2);
  if (!reciprocal) {
    atanHi = h;
    atanTail = tail;
    return;
  }
  // π/2 - (h + tail), at least π/4: the error stays what it was.
  atanHi = HALF_PI.hi - h;
  atanTail = sumError(HALF_PI.hi, -h, atanHi) + HALF_PI.lo - tail;
}

/**
 * √(1 - a²) for 0 < a < 1 as rootHi + rootLow, to about 2^-104 of it:
 * a² exactly (TwoProduct), so 1 - a² keeps its low bits as a nears 1,
 * then one Newton step on the double square root.
 */
function cosineOfArcsine(a: number): void {
  const p = a * a;
  const s = 1 - p;
  const e = sumError(1, -p, s) - productError(a, a, p);
  const wh = s + e;
  const wl = e - (wh - s);
  const r = Math.sqrt(wh);
  const rr = r * r;
  const correction = (wh - rr - productError(r, r, rr) + wl) / (2 * r);
  rootHi = r + correction;
  rootLow = correction - (rootHi - r);
}

// hi + tail rounded, when the bound cannot change the rounding; NaN
// otherwise.
function decided(hi: number, tail: number): number {
  return roundedIfDecided(hi, tail, ATAN_ERROR * Math.abs(hi));
}

/** atan x for a finite x, rounded to nearest as glibc's. */
export function atan(x: number): number {
  if (!Number.isFinite(x)) return Math.atan(x);
  const a = Math.abs(x);
  if (a < 2 ** -27 || a > 2 ** 60) return atanAccurate(x);
  atanParts(a, 0);
  const value = decided(atanHi, atanTail);
  if (Number.isNaN(value)) return atanAccurate(x);
  return x < 0 ? -value : value;
}

/**
 * atan2(y, x) for finite y and x, not both zero, rounded to nearest as
 * glibc's: atan |y/x|, the quotient held to about 2^-104, moved into the
 * quadrant of (x, y).
 */
export function atan2(y: number, x: number): number {
  if (!(Number.isFinite(y) && Number.isFinite(x))) return Math.atan2(y, x);
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  // Zeros, and operands whose products could overflow or underflow, on
  // the sure path.
  if (!(ay > 2 ** -500 && ay < 2 ** 500 && ax > 2 ** -500 && ax < 2 ** 500))
    return atan2Accurate(y, x);
  quotient(ay, 0, ax, 0);
  if (quotientHi > 2 ** 60) return atan2Accurate(y, x);
  atanParts(quotientHi, quotientLow);
  let value: number;
  if (x > 0) value = decided(atanHi, atanTail);
  else {
    // π - atan |y/x|, at least π/2.
    const g = PI.hi - atanHi;
    value = decided(g, sumError(PI.hi, -atanHi, g) + PI.lo - atanTail);
  }
  if (Number.isNaN(value)) return atan2Accurate(y, x);
  return y < 0 ? -value : value;
}

/** asin x for |x| <= 1, rounded to nearest as glibc's: atan(x / √(1 - x²)). */
export function asin(x: number): number {
  if (!(x >= -1 && x <= 1)) return Math.asin(x);
  const a = Math.abs(x);
  if (a < 2 ** -26 || a === 1) return asinAccurate(x);
  cosineOfArcsine(a);
  // a / √(1 - a²) is below 2^27 for any a < 1.
  quotient(a, 0, rootHi, rootLow);
  atanParts(quotientHi, quotientLow);
  const value = decided(atanHi, atanTail);
  if (Number.isNaN(value)) return asinAccurate(x);
  return x < 0 ? -value : value;
}

/** acos x for |x| <= 1, rounded to nearest as glibc's: atan2(√(1 - x²), x). */
export function acos(x: number): number {
  if (!(x >= -1 && x <= 1)) return Math.acos(x);
  const a = Math.abs(x);
  if (a < 2 ** -54 || a === 1) return acosAccurate(x);
  cosineOfArcsine(a);
  // √(1 - a²) / a is below 2^54 for the a left here.
  quotient(rootHi, rootLow, a, 0);
  atanParts(quotientHi, quotientLow);
  let value: number;
  if (x > 0) value = decided(atanHi, atanTail);
  else {
    // π - atan(√(1 - x²) / |x|), at least π/2.
    const g = PI.hi - atanHi;
    value = decided(g, sumError(PI.hi, -atanHi, g) + PI.lo - atanTail);
  }
  return Number.isNaN(value) ? acosAccurate(x) : value;
}
