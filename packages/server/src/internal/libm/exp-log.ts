/**
 * exp, log, log10 and pow, as glibc's libm gives them to Redis's Lua:
 * rounded correctly (see index.ts), in one to three times V8's time.
 *
 * This is the measured hot path of the math library, so it is written
 * out in plain doubles and allocates nothing. It follows Ziv's strategy,
 * as glibc's and CRlibm's functions do: a quick evaluation that carries
 * about 70 bits (a leading double plus a tail, the reduced argument and
 * the leading products held exactly, only the small terms rounded) and a
 * bound on its error, worked out term by term below with a wide margin
 * over the largest error measured; when the result rounds the same way
 * at both ends of that bound, that is the correctly rounded result. Otherwise
 * (about one argument in a few thousand, or more for pow with a large
 * result exponent) the slow and sure path of exp-log-accurate.ts, in
 * double-double arithmetic, decides. A bound that was too small would
 * show as a difference from that path; libm.test.ts compares the two on
 * random arguments.
 *
 * Each function names its error terms where it computes them. "ulp" below
 * is relative to the result's leading double.
 *
 * @module
 */

import { dd, mulDouble, productError, roundedIfDecided, sumError } from './double-double.js';
import {
  EXP_OVERFLOW,
  EXP_UNDERFLOW,
  expOf,
  LN2_BY_256,
  logDoubleDouble,
  logTableOf,
  scaleByPowerOfTwo,
  twoPowTableOf,
} from './exp-log-accurate.js';
import { exponentOf, LN2, powerOfTwo } from './series.js';

/**
 * exp's quick path's error bound, relative to the result: the error
 * terms named in expQuick come to about 2^-70 (the largest seen in 10^6
 * random arguments was 2^-70.7); this allows a factor of 64. logParts
 * works out its own bound for each argument (logError).
 */
const EXP_ERROR = 2 ** -64;

/** x rounded to a double with `bits` significant bits (x positive, normal). */
function roundToBits(x: number, bits: number): number {
  const scale = 2 ** (bits - 1 - exponentOf(x));
  return Math.round(x * scale) / scale;
}

// ln2/256 as EXP_C1 + EXP_C2 (to about 2^-94 of it): EXP_C1 has 33
// significant bits, so n × EXP_C1 is exact for |n| < 2^20 (exp's n stays
// below 2^19).
const EXP_C1 = roundToBits(LN2_BY_256.hi, 33);
const EXP_C2 = LN2_BY_256.hi - EXP_C1 + LN2_BY_256.lo;
// ln 2 as LN2_A + LN2_B: LN2_A has 42 significant bits, so k × LN2_A is
// exact for every exponent k of a double (|k| < 1100 < 2^11).
const LN2_A = roundToBits(LN2.hi, 42);
const LN2_B = LN2.hi - LN2_A + LN2.lo;

/**
 * e^(th + tl) for th within exp's range and |tl| at most an ulp of th,
 * given a bound on the argument's own error (`argumentError`, absolute:
 * the result's relative error it causes); NaN when the quick evaluation
 * cannot decide the rounding or the result is subnormal (a subnormal
 * rounds at another place, which scaling a double would round twice).
 */
function expQuick(th: number, tl: number, argumentError: number): number {
  // t = n ln2/256 + r, |r| <= ln2/512 (0.00136, below 2^-9.5). th - n×C1
  // is exact (n×C1 is exact, and within a factor of two of th, or zero),
  // n×C2 is rounded (2^-75 at most), C1 + C2 misses 2^-94 of ln2/256:
  // r = rh + rl to about 2^-74, rh exactly the rounded sum (TwoSum).
  const n = Math.round(th * (256 / LN2.hi));
  const r1 = th - n * EXP_C1;
  const r2 = n * EXP_C2;
  const rh = r1 - r2;
  const rl = sumError(r1, -r2, rh) + tl;
  const i = n & 255;
  const k = (n - i) / 256;
  const table = twoPowTableOf()[i]!;
  const T = table.hi;
  // e^r - 1 = rh + q + rl(1 + rh + q) (to rl²/2, below 2^-87), q = rh²/2!
  // + ... + rh⁶/6! in doubles (the next term is below 2^-79): q < 2^-20
  // to a few ulps of itself, 2^-71. (rl holds pow's tl, up to 2^-43: rl×q
  // alone can reach 2^-63.)
  const q = rh * rh * (0.5 + rh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh / 720))));
  // The result's leading double sh = T + T×rh; what rounding lost in the
  // product and the sum is taken exactly (TwoProduct's and TwoSum's error
  // terms). The rest, each term far below sh (the sums round at about
  // 2^-72): e^r × (T + table.lo) = sh + those errors + T(q + rl(1 + rh +
  // q)) + table.lo(1 + rh) (table.lo × q is below 2^-73).
  const ph = T * rh;
  const sh = T + ph;
  const tail =
    sumError(T, ph, sh) +
    productError(T, rh, ph) +
    T * (q + rl * (1 + rh + q)) +
    table.lo * (1 + rh);
  if (k < -1021) return Number.NaN;
  const rounded = roundedIfDecided(sh, tail, (EXP_ERROR + argumentError) * sh);
  return Number.isNaN(rounded) ? rounded : scaleByPowerOfTwo(rounded, k);
}

/** e^x for a finite x. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
  if (x < EXP_UNDERFLOW) return 0;
  const quick = expQuick(x, 0, 0);
  return Number.isNaN(quick) ? expOf(dd(x)) : quick;
}

// logParts' other results: a tail to add to the double it returns, and
// a bound on the absolute error of the sum. Module variables, not a
// record, so that the quick path allocates nothing.
let logTail = 0;
let logError = 0;

/**
 * ln x for a positive finite x as a double plus `logTail`, within
 * `logError` of ln x (about 2^-66 of it at worst, near x = 1; the tail
 * is not normalized and can be up to 2^-18 of the double).
 */
function logParts(x: number): number {
  // x = 2^k m with m in [0.707, 1.415] (subnormals scaled first); c =
  // j/128 nearest m, and ln x = k ln2 + ln c + 2 atanh(s), s = (m - c) /
  // (m + c), |s| < 2^-8.5.
  let k = 0;
  if (x < 2 ** -1022) {
    x *= 2 ** 54;
    k = -54;
  }
  const e = exponentOf(x);
  let m = x * powerOfTwo(-e);
  k += e;
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  const j = Math.round(m * 128);
  const c = j / 128;
  // s = sh + sl to about 2^-104 of s: m - c is exact (Sterbenz), m + c
  // is held exactly as vh + vl (TwoSum), and sl is the quotient of what
  // sh leaves, whose leading part u - sh×vh is exact.
  const u = m - c;
  const vh = m + c;
  const vl = sumError(m, c, vh);
  const sh = u / vh;
  const ph = sh * vh;
  const sl = (u - ph - productError(sh, vh, ph) - sh * vl) / vh;
  // 2 atanh(s) = 2s + t, t = 2s³/3 + ... + 2s⁹/9 in doubles (the next
  // term is below 2^-85 of 2s): t < 2^-18.5 of 2s and good to a few ulps
  // of itself, 2^-67.5 |s|, and leaving sl out of it costs 2^-68 |s|.
  const s2 = sh * sh;
  const t = sh * s2 * (2 / 3 + s2 * (2 / 5 + s2 * (2 / 7 + s2 * (2 / 9))));
  // The leading parts k×LN2_A (exact), ln c and 2sh, summed exactly
  // (TwoSum twice); the rest in the tail, whose other errors (k×LN2_B
  // rounded, 2^-86, and LN2_B's own rounding times k, 2^-87; the table's,
  // 2^-106; the tail's own sums) stay below 2^-85 and vanish where k = 0
  // and c = 1 (ln c = 0). The bound allows a factor of 4 or more on the
  // first and 32 on the second (the largest seen in 10^7 random
  // arguments came to 1/14 of the bound): relative to ln x, 2^-63 where
  // k = 0 and c = 1 (ln x is then about 2s), and below 2^-71 elsewhere
  // (|ln x| is at least 2^-8 there).
  logError = 2 ** -64 * Math.abs(sh) + (k === 0 && j === 128 ? 0 : 2 ** -80);
  const table = logTableOf()[j]!;
  const a = k * LN2_A;
  const h = a + table.hi;
  const e1 = sumError(a, table.hi, h);
  const d = 2 * sh;
  const g = h + d;
  const e2 = sumError(h, d, g);
  logTail = e1 + e2 + 2 * sl + t + k * LN2_B + table.lo;
  return g;
}

/** ln x for a positive finite x. */
export function log(x: number): number {
  if (!(x > 0 && x < Number.POSITIVE_INFINITY)) return Math.log(x);
  const g = logParts(x);
  const rounded = roundedIfDecided(g, logTail, logError);
  return Number.isNaN(rounded) ? logDoubleDouble(x).hi : rounded;
}

// log10 2 split so that y × LOG10_2_HI is exact for any exponent y, and
// 1/ln 10, as fdlibm's e_log10.c has them.
const LOG10_2_HI = 0.30102999566361177;
const LOG10_2_LO = 3.694239077158931e-13;
const INV_LN10_DOUBLE = Math.LOG10E;

/**
 * log10 x for a positive finite x, as glibc computes it: not rounded
 * correctly but with fdlibm's formula on top of its own (correctly
 * rounded) log, y log10(2) + log(m) / ln 10 for x = m × 2^y with m in
 * [1, 2) (in [0.5, 1) when x < 1), in plain doubles. The same formula on
 * a double-double logarithm would be closer to exact and further from
 * Redis (a last-bit difference for 7% of arguments, against none).
 */
export function log10(x: number): number {
  if (!(x > 0 && x < Number.POSITIVE_INFINITY)) return Math.log10(x);
  let k = 0;
  if (x < 2 ** -1022) {
    x *= 2 ** 54;
    k = -54;
  }
  const e = exponentOf(x);
  k += e;
  const below = k < 0 ? 1 : 0;
  const y = k + below;
  const m = x * powerOfTwo(-(e + below));
  const z = y * LOG10_2_LO + INV_LN10_DOUBLE * log(m);
  return z + y * LOG10_2_HI;
}

/**
 * x^y for finite, nonzero x and y (a negative x only with an integer y);
 * the callers handle the rest as C99's pow does.
 */
export function pow(x: number, y: number): number {
  if (
    !(
      Number.isFinite(x) &&
      Number.isFinite(y) &&
      x !== 0 &&
      y !== 0 &&
      (x > 0 || Number.isInteger(y))
    )
  )
    return x ** y;
  // Where one IEEE operation is the correctly rounded power: exact
  // answers for exact midpoints the general path can only approach
  // (pow(DBL_MAX, 0.5) lies 2^-109 below one), and quicker.
  if (y === 0.5 && x > 0) return Math.sqrt(x);
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (y === -1) return 1 / x;
  const negative = x < 0 && Math.abs(y % 2) === 1;
  // ln|x| = lh + ll (FastTwoSum: the tail is far below the double).
  const g = logParts(Math.abs(x));
  const lh = g + logTail;
  const ll = logTail - (lh - g);
  // |x| = 1 (x = -1 here: the callers answer 1^y): ±1 for any y, which
  // the products below could not take past 2^996.
  if (lh === 0) return negative ? -1 : 1;
  // Far past either threshold, and before y × ln x could overflow
  // Dekker's split (|y| up to 2^1024).
  const estimate = lh * y;
  let result: number;
  if (estimate > 2 * EXP_OVERFLOW) result = Number.POSITIVE_INFINITY;
  else if (estimate < 2 * EXP_UNDERFLOW) result = 0;
  else {
    // y ln|x| = th + tl: y × lh exactly (TwoProduct) plus y × ll
    // (rounded, 2^-106 of th). Its error is ln|x|'s times |y|: an
    // absolute error in the exponent, a relative one in the result.
    const th = y * lh;
    const tl = productError(y, lh, th) + y * ll;
    const inRange = th <= EXP_OVERFLOW && th >= EXP_UNDERFLOW;
    const exponentError = Math.abs(y) * logError + 2 ** -100 * Math.abs(th);
    const quick = inRange ? expQuick(th, tl, exponentError) : Number.NaN;
    result = Number.isNaN(quick) ? expOf(mulDouble(logDoubleDouble(Math.abs(x)), y)) : quick;
  }
  return negative ? -result : result;
}
