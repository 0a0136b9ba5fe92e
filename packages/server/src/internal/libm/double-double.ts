/**
 * Double-double arithmetic: a number held as the unevaluated sum hi + lo
 * of two doubles, with |lo| at most half an ulp of hi, which carries about
 * 106 bits (Dekker's and Knuth's error-free transformations, as in the QD
 * library's dd_real). It is what `libm.ts` evaluates in, so that a result
 * rounded back to one double is the nearest double to the exact value in
 * all but the rarest cases.
 *
 * Every function here returns a fresh, normalized value (hi is the double
 * nearest hi + lo), so `hi` alone is the correctly rounded reading.
 * Arguments must stay below about 2^996 in magnitude: Dekker's split
 * multiplies by 2^27 + 1 and would overflow above that (libm reduces its
 * arguments long before).
 *
 * @module
 */

/** hi + lo, normalized. */
export interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

/** Dekker's splitting constant, 2^27 + 1: splits a double into two 26-bit halves. */
const SPLITTER = 134217729;

/** A double-double from one double (or an already normalized pair). */
export function dd(hi: number, lo = 0): DoubleDouble {
  return { hi, lo };
}

// Each operation below is written out with local doubles and allocates
// only its result: composing the error-free steps as functions returning
// pairs cost several allocations per operation (about 90 ns for a
// multiply-add, against about 20 written out).

/** a + b exactly, for any doubles (Knuth's TwoSum). */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return { hi: s, lo: sumError(a, b, s) };
}

/** a × b exactly (Dekker's TwoProduct, without a fused multiply-add). */
export function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  return { hi: p, lo: productError(a, b, p) };
}

// The same two transformations as scalars, for the quick paths of
// exp-log.ts, trig.ts and inverse-trig.ts, which must not allocate: the
// caller rounds the sum or product itself, and these give what rounding
// lost. They are small enough for V8 to inline.

/** (a + b) - s exactly, s being a + b rounded (TwoSum's error term). */
export function sumError(a: number, b: number, s: number): number {
  const v = s - a;
  return a - (s - v) + (b - v);
}

/**
 * a × b - p exactly, p being a × b rounded (TwoProduct's error term);
 * |a| and |b| below about 2^996, and the product far from underflow.
 */
export function productError(a: number, b: number, p: number): number {
  const ta = SPLITTER * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = SPLITTER * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * The last step of Ziv's strategy: hi + tail rounded, when a value
 * within `bound` of it either way rounds to the same double (then the
 * exact value, known to lie there, does too); NaN when it might not.
 */
export function roundedIfDecided(hi: number, tail: number, bound: number): number {
  const low = hi + (tail - bound);
  return low === hi + (tail + bound) ? low : Number.NaN;
}

/** a + b. */
export function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  // Both halves summed exactly (TwoSum), so that a sum that cancels its
  // high parts keeps the low parts' bits (the "accurate" addition), then
  // renormalized twice (FastTwoSum).
  const s = a.hi + b.hi;
  let v = s - a.hi;
  let e = a.hi - (s - v) + (b.hi - v);
  const t = a.lo + b.lo;
  v = t - a.lo;
  const f = a.lo - (t - v) + (b.lo - v);
  e += t;
  const h = s + e;
  e -= h - s;
  e += f;
  const hi = h + e;
  return { hi, lo: e - (hi - h) };
}

/** a + b, b a double. */
export function addDouble(a: DoubleDouble, b: number): DoubleDouble {
  const s = a.hi + b;
  const v = s - a.hi;
  const e = a.hi - (s - v) + (b - v) + a.lo;
  const hi = s + e;
  return { hi, lo: e - (hi - s) };
}

/** a − b. */
export function sub(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  return add(a, { hi: -b.hi, lo: -b.lo });
}

/** a × b. */
export function mul(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const x = a.hi;
  const y = b.hi;
  const p = x * y;
  const tx = SPLITTER * x;
  const xh = tx - (tx - x);
  const xl = x - xh;
  const ty = SPLITTER * y;
  const yh = ty - (ty - y);
  const yl = y - yh;
  const e = xh * yh - p + xh * yl + xl * yh + xl * yl + (x * b.lo + a.lo * y);
  const hi = p + e;
  return { hi, lo: e - (hi - p) };
}

/** a × b, b a double. */
export function mulDouble(a: DoubleDouble, b: number): DoubleDouble {
  return mul(a, { hi: b, lo: 0 });
}

/** a ÷ b: three quotient digits, each from the remainder left by the last. */
export function div(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const q1 = a.hi / b.hi;
  let r = sub(a, mulDouble(b, q1));
  const q2 = r.hi / b.hi;
  r = sub(r, mulDouble(b, q2));
  const q3 = r.hi / b.hi;
  const s = q1 + q2;
  return addDouble({ hi: s, lo: q2 - (s - q1) }, q3);
}
