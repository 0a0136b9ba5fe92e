/**
 * sin, cos and tan, rounded to nearest as glibc's, at a fraction of the
 * double-double path's cost: the same strategy as exp-log.ts (Ziv's). A
 * quick evaluation in plain doubles carries about 70 bits: the argument
 * reduced modulo π/2 with Cody and Waite's three-part π/2 and held as a
 * double plus a tail, sin and cos of the remainder from the table of
 * j/64 with the leading products held exactly and only small terms
 * rounded. When the result rounds the same way at both ends of the
 * quick path's error bound, that is the correctly rounded result;
 * otherwise, and for arguments the quick reduction does not serve (from
 * 2^20 on, or within 2^-30 of a multiple of π/2), trig-accurate.ts
 * decides. libm.test.ts compares the two paths on random arguments.
 *
 * This is a measured hot path: it allocates nothing and returns its
 * second results through module variables.
 *
 * @module
 */

import { type DoubleDouble, productError, roundedIfDecided, sumError } from './double-double.js';
import { cosOfPositive, sinOfPositive, tanOfPositive, trigTables } from './trig-accurate.js';

/**
 * The quick path's error bound, relative to sin r or cos r: the terms
 * named in quickSinCos come to about 2^-66 (the largest seen in 10^6
 * random arguments was 2^-65.4); this allows a factor of 16 or more.
 */
const TRIG_ERROR = 2 ** -61;

// The tables, fetched on first use.
let halfPi: readonly [number, number, number] | undefined;
let sines: readonly DoubleDouble[] = [];
let cosines: readonly DoubleDouble[] = [];

// quickSinCos's results: |x| = n π/2 + r, n mod 4, and sin r and cos r
// each as a double plus a tail.
let quadrant = 0;
let sinHi = 0;
let sinTail = 0;
let cosHi = 0;
let cosTail = 0;

/**
 * Fills the variables above for a positive a below 2^20; false where the
 * quick reduction would lose bits (a within 2^-30 of a multiple of π/2)
 * or a is too large for it.
 */
function quickSinCos(a: number): boolean {
  if (halfPi === undefined) ({ halfPi, sines, cosines } = trigTables());
  // r = rh + rl, to about 2^-118 absolute (see trig-accurate.ts's
  // reduce): a - n·p1 exact, n·p2 exactly as ph + pl (TwoProduct), n·p3
  // rounded.
  let rh = a;
  let rl = 0;
  let n = 0;
  if (a > Math.PI / 4) {
    if (a >= 2 ** 20) return false;
    const p1 = halfPi![0];
    const p2 = halfPi![1];
    const p3 = halfPi![2];
    n = Math.round(a * (2 / Math.PI));
    const r1 = a - n * p1;
    const ph = n * p2;
    const s = r1 - ph;
    const low = sumError(r1, -ph, s) - productError(n, p2, ph) - n * p3;
    rh = s + low;
    rl = low - (rh - s);
    if (Math.abs(rh) < 2 ** -30) return false;
  }
  quadrant = n & 3;
  // r = t + d, t = j/64 from the tables, |d| <= 1/128: dh = rh - t is
  // exact (Sterbenz, or t = 0), dl = rl.
  const j = Math.round(rh * 64);
  const dh = rh - j / 64;
  const dl = rl;
  const index = j < 0 ? -j : j;
  const S = j < 0 ? -sines[index]!.hi : sines[index]!.hi;
  const SLow = j < 0 ? -sines[index]!.lo : sines[index]!.lo;
  const C = cosines[index]!.hi;
  const CLow = cosines[index]!.lo;
  // sin d = dh + σd, cos d = 1 + γ, in doubles: |σd| < 2^-23 and |γ| <
  // 2^-15, each good to a few ulps of itself (2^-75 and 2^-67), the
  // series cut where the next term falls below 2^-90.
  const d2 = dh * dh;
  const sigma =
    dl * (1 - 0.5 * d2) + dh * d2 * (-1 / 6 + d2 * (1 / 120 + d2 * (-1 / 5040 + d2 / 362880)));
  const gamma = -dl * dh + d2 * (-0.5 + d2 * (1 / 24 + d2 * (-1 / 720 + d2 / 40320)));
  // sin(t + d) = S cos d + C sin d = S + C·dh + (S·γ + C·σd + the tables'
  // low parts); cos(t + d) = C - S·dh + (C·γ - S·σd + ...). C·dh and S·dh
  // exactly (TwoProduct), and their sums with S and C (TwoSum); the
  // rest rounds at about 2^-67 of S or C, and sin(t + d) is at least
  // half of S (|d| <= t/2 where t > 0; where t = 0, sin r = dh + σd).
  const cd = C * dh;
  sinHi = S + cd;
  sinTail =
    sumError(S, cd, sinHi) + productError(C, dh, cd) + S * gamma + C * sigma + SLow + CLow * dh;
  const sd = S * dh;
  cosHi = C - sd;
  cosTail =
    sumError(C, -sd, cosHi) - productError(S, dh, sd) + C * gamma - S * sigma + CLow - SLow * dh;
  return true;
}

// hi + tail rounded, when the bound cannot change the rounding; NaN
// otherwise.
function decided(hi: number, tail: number): number {
  return roundedIfDecided(hi, tail, TRIG_ERROR * Math.abs(hi));
}

// (hi + tail) / (hi2 + tail2), to about the sum of their relative errors
// (plus 2^-100), when the bound cannot change its rounding; NaN
// otherwise. The tails can be 2^-15 of their doubles, so both are
// normalized first (FastTwoSum); then the quotient q of the leading
// parts, and the quotient of what it leaves, whose leading part
// hi - q·hi2 is exact.
function decidedQuotient(hi1: number, tail1: number, hi21: number, tail21: number): number {
  const hi = hi1 + tail1;
  const tail = tail1 - (hi - hi1);
  const hi2 = hi21 + tail21;
  const tail2 = tail21 - (hi2 - hi21);
  const q = hi / hi2;
  const ph = q * hi2;
  const rest = (hi - ph - productError(q, hi2, ph) + tail - q * tail2) / hi2;
  return roundedIfDecided(q, rest, 2 * TRIG_ERROR * Math.abs(q));
}

/** sin x for a finite x, rounded to nearest as glibc's. */
export function sin(x: number): number {
  if (!Number.isFinite(x)) return Math.sin(x);
  const a = Math.abs(x);
  if (a < 2 ** -27) return x;
  let value = Number.NaN;
  if (quickSinCos(a)) {
    if (quadrant === 0) value = decided(sinHi, sinTail);
    else if (quadrant === 1) value = decided(cosHi, cosTail);
    else if (quadrant === 2) value = -decided(sinHi, sinTail);
    else value = -decided(cosHi, cosTail);
  }
  if (Number.isNaN(value)) value = sinOfPositive(a);
  return x < 0 ? -value : value;
}

/** cos x for a finite x, rounded to nearest as glibc's. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return Math.cos(x);
  const a = Math.abs(x);
  if (a < 2 ** -27) return 1;
  let value = Number.NaN;
  if (quickSinCos(a)) {
    if (quadrant === 0) value = decided(cosHi, cosTail);
    else if (quadrant === 1) value = -decided(sinHi, sinTail);
    else if (quadrant === 2) value = -decided(cosHi, cosTail);
    else value = decided(sinHi, sinTail);
  }
  return Number.isNaN(value) ? cosOfPositive(a) : value;
}

/** tan x for a finite x, rounded to nearest as glibc's. */
export function tan(x: number): number {
  if (!Number.isFinite(x)) return Math.tan(x);
  const a = Math.abs(x);
  if (a < 2 ** -27) return x;
  let value = Number.NaN;
  if (quickSinCos(a)) {
    value =
      quadrant % 2 === 0
        ? decidedQuotient(sinHi, sinTail, cosHi, cosTail)
        : -decidedQuotient(cosHi, cosTail, sinHi, sinTail);
  }
  if (Number.isNaN(value)) value = tanOfPositive(a);
  return x < 0 ? -value : value;
}
