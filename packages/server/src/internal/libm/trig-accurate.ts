/**
 * sin, cos and tan in double-double arithmetic, good to about 2^-100: the
 * slow and sure path of trig.ts, taken when its quick one cannot tell
 * which way the result rounds or does not apply, and the tables both
 * share. The argument is reduced modulo π/2 (Cody and Waite's three-part
 * π/2 below 2^20, Payne and Hanek's exact integer product with 2/π above,
 * or near a multiple of π/2), then sin and cos of the remainder come from
 * a table of j/64 and short series.
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
  sub,
  twoProduct,
} from './double-double.js';
import { HALF_PI, inverseFactorials, negate, polynomial } from './series.js';

// π/2 as three doubles for Cody and Waite's reduction: the first with 33
// significant bits, so n × it is exact for n < 2^20; the second and third
// carry the next 53 bits each (built from 1,300 bits of π on first use).
let halfPiParts: readonly [number, number, number] | undefined;
// floor(2/π × 2^TWO_OVER_PI_BITS), for Payne and Hanek's reduction of
// arguments of any size.
let twoOverPi: bigint | undefined;
const TWO_OVER_PI_BITS = 1250;
// sin(j/64) and cos(j/64) for j = 0..51, and the series of sin d / d and
// cos d in d²: (-1)^n/(2n+1)! and (-1)^n/(2n)!.
let sinTable: DoubleDouble[] | undefined;
let cosTable: DoubleDouble[] | undefined;
let sinCoefficients: DoubleDouble[] | undefined;
let cosCoefficients: DoubleDouble[] | undefined;

// π × 2^bits, by Machin's formula π = 16 atan(1/5) - 4 atan(1/239).
function piScaled(bits: bigint): bigint {
  const one = 1n << (bits + 8n);
  const atanInverse = (k: bigint): bigint => {
    let term = one / k;
    let sum = 0n;
    for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign, term /= k * k)
      sum += (sign * term) / n;
    return sum;
  };
  return (16n * atanInverse(5n) - 4n * atanInverse(239n)) >> 8n;
}

function buildTrigTables(): void {
  const pi = piScaled(1300n);
  twoOverPi = (1n << BigInt(TWO_OVER_PI_BITS + 1 + 1300)) / pi;
  // π/2 = pi / 2^1301; peel off 33 bits, then 53, then 53.
  let rest = pi;
  const parts: number[] = [];
  for (const width of [33, 53, 53]) {
    const top = rest === 0n ? 0 : rest.toString(2).length;
    const drop = BigInt(Math.max(top - width, 0));
    // At most `width` bits, so exact as a double, then scaled exactly.
    const kept = rest >> drop;
    parts.push(Number(kept) * 2 ** (Number(drop) - 1301));
    rest -= kept << drop;
  }
  halfPiParts = [parts[0]!, parts[1]!, parts[2]!];
  const factorials = inverseFactorials();
  const sines: DoubleDouble[] = [];
  const cosines: DoubleDouble[] = [];
  for (let j = 0; j <= 51; j++) {
    // Taylor's series at j/64 <= 0.8: 30 terms reach 2^-110.
    const t = dd(j / 64);
    const t2 = mul(t, t);
    let s = factorials[29]!;
    let c = factorials[30]!;
    for (let n = 27; n >= 1; n -= 2) s = add(mul(s, dd(-t2.hi, -t2.lo)), factorials[n]!);
    for (let n = 28; n >= 0; n -= 2) c = add(mul(c, dd(-t2.hi, -t2.lo)), factorials[n]!);
    sines.push(mul(s, t));
    cosines.push(c);
  }
  sinTable = sines;
  cosTable = cosines;
  const signed = (n: number) => (n % 4 < 2 ? factorials[n]! : negate(factorials[n]!));
  sinCoefficients = Array.from({ length: 8 }, (_, n) => signed(2 * n + 1));
  cosCoefficients = Array.from({ length: 8 }, (_, n) => signed(2 * n));
}

// |x| = n π/2 + r for a positive finite x: n mod 4 and r, |r| <= π/4,
// to about 2^-100 relative (or better).
function reduce(x: number): { quadrant: number; r: DoubleDouble } {
  if (x <= Math.PI / 4) return { quadrant: 0, r: dd(x) };
  if (halfPiParts === undefined) buildTrigTables();
  if (x < 2 ** 20) {
    const [p1, p2, p3] = halfPiParts!;
    // n < 2^20 × 2/π, under 2^20: n·p1 fits in 53 bits.
    const n = Math.round(x * (2 / Math.PI));
    // x - n·p1 is exact (the two are within a factor of two), n·p2 is
    // taken exactly, n·p3 rounded: an absolute error near 2^-120.
    const r = addDouble(sub(dd(x - n * p1), twoProduct(n, p2)), -n * p3);
    if (Math.abs(r.hi) > 2 ** -30) return { quadrant: n & 3, r };
    // Within 2^-30 of a multiple of π/2: too few bits left, so reduce
    // exactly as for a large argument.
  }
  return reduceExactly(x);
}

const view = new DataView(new ArrayBuffer(8));

// Payne and Hanek: x × 2/π with all the bits of 2/π that x's exponent
// calls for, in integers.
function reduceExactly(x: number): { quadrant: number; r: DoubleDouble } {
  view.setFloat64(0, x);
  const biased = (view.getUint16(0) >> 4) & 0x7ff;
  const mantissa = (view.getBigUint64(0) & 0xfffffffffffffn) | 0x10000000000000n;
  const exponent = biased - 1075; // x = mantissa × 2^exponent, exponent >= -34 here
  const product = mantissa * twoOverPi!;
  // x × 2/π = product / 2^shift.
  const shift = BigInt(TWO_OVER_PI_BITS - exponent);
  let n = product >> shift;
  let fraction = product - (n << shift);
  if (fraction >= 1n << (shift - 1n)) {
    n += 1n;
    fraction -= 1n << shift;
  }
  // Keep 160 bits below the point: plenty, and within a double's range.
  let bits = shift;
  if (bits > 160n) {
    fraction >>= bits - 160n;
    bits = 160n;
  }
  const scale = -Number(bits);
  const hi = Number(fraction);
  const lo = Number(fraction - BigInt(hi));
  const r = mul(addDouble(dd(hi * 2 ** scale), lo * 2 ** scale), HALF_PI);
  return { quadrant: Number(n & 3n), r };
}

// sin r and cos r for |r| <= π/4 + a little: sin(t + d) and cos(t + d)
// with t = j/64 from the tables and |d| <= 1/128, whose series (through
// d^13 and d^14) reach 2^-110.
function sinCos(r: DoubleDouble): { sin: DoubleDouble; cos: DoubleDouble } {
  const j = Math.round(r.hi * 64);
  const d = addDouble(r, -j / 64);
  const d2 = mul(d, d);
  // sin d = d (1 - d²/3! + d⁴/5! - ...), cos d = 1 - d²/2! + d⁴/4! - ...;
  // from d⁴ on (under 2^-32 of either) in plain doubles.
  const s = mul(polynomial(d2, sinCoefficients!, 7, 2), d);
  const c = polynomial(d2, cosCoefficients!, 8, 2);
  const index = Math.abs(j);
  const st = j < 0 ? negate(sinTable![index]!) : sinTable![index]!;
  const ct = cosTable![index]!;
  return { sin: add(mul(st, c), mul(ct, s)), cos: sub(mul(ct, c), mul(st, s)) };
}

/** sin a for a positive finite a, rounded to nearest. */
export function sinOfPositive(a: number): number {
  if (sinTable === undefined) buildTrigTables();
  const { quadrant, r } = reduce(a);
  const { sin: s, cos: c } = sinCos(r);
  return [s, c, negate(s), negate(c)][quadrant]!.hi;
}

/** cos a for a positive finite a, rounded to nearest. */
export function cosOfPositive(a: number): number {
  if (sinTable === undefined) buildTrigTables();
  const { quadrant, r } = reduce(a);
  const { sin: s, cos: c } = sinCos(r);
  return [c, negate(s), negate(c), s][quadrant]!.hi;
}

/** tan a for a positive finite a, rounded to nearest. */
export function tanOfPositive(a: number): number {
  if (sinTable === undefined) buildTrigTables();
  const { quadrant, r } = reduce(a);
  const { sin: s, cos: c } = sinCos(r);
  return quadrant % 2 === 0 ? div(s, c).hi : -div(c, s).hi;
}

/**
 * The tables, built on first use: π/2 in three parts (see halfPiParts
 * above), and sin(j/64) and cos(j/64) for j = 0..51.
 */
export function trigTables(): {
  halfPi: readonly [number, number, number];
  sines: readonly DoubleDouble[];
  cosines: readonly DoubleDouble[];
} {
  if (sinTable === undefined) buildTrigTables();
  return { halfPi: halfPiParts!, sines: sinTable!, cosines: cosTable! };
}
