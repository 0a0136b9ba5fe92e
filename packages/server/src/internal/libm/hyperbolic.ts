/**
 * sinh and cosh with fdlibm's formulas, which glibc's keep, over expm1
 * (V8's, the same fdlibm code as glibc's) and the exp of exp-log.ts: V8's
 * Math.sinh and Math.cosh run the same formulas over its own, less
 * accurate, exp.
 *
 * @module
 */

import { exp } from './exp-log.js';

// fdlibm's thresholds, which it tests on the high 32 bits of |x|: from
// 0x40862E42 on, e^|x| could overflow and is taken as e^(|x|/2)²; past
// 0x408633CE 8FB9F87D sinh and cosh overflow; below 0x3FD62E43 (about
// ln2/2) cosh goes through expm1.
const LOG_DBL_MAX = 709.7822265625;
const SINH_OVERFLOW = 710.4758600739439;
const HALF_LN2 = 0.3465735912322998;

/**
 * sinh x for a finite x, with fdlibm's formulas (which glibc's sinh
 * keeps) over expm1 and the exp above: V8's Math.sinh runs the same
 * formulas over its own less accurate exp.
 */
export function sinh(x: number): number {
  if (!Number.isFinite(x)) return Math.sinh(x);
  const h = x < 0 ? -0.5 : 0.5;
  const a = Math.abs(x);
  if (a < 22) {
    if (a < 2 ** -28) return x;
    const t = Math.expm1(a);
    if (a < 1) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (a < LOG_DBL_MAX) return h * exp(a);
  if (a <= SINH_OVERFLOW) {
    const w = exp(0.5 * a);
    return h * w * w;
  }
  return x * Number.POSITIVE_INFINITY;
}

/** cosh x for a finite x: fdlibm's formulas, as sinh. */
export function cosh(x: number): number {
  if (!Number.isFinite(x)) return Math.cosh(x);
  const a = Math.abs(x);
  if (a < HALF_LN2) {
    const t = Math.expm1(a);
    const w = 1 + t;
    if (a < 2 ** -55) return w;
    return 1 + (t * t) / (w + w);
  }
  if (a < 22) {
    const t = exp(a);
    return 0.5 * t + 0.5 / t;
  }
  if (a < LOG_DBL_MAX) return 0.5 * exp(a);
  if (a < SINH_OVERFLOW) {
    const w = exp(0.5 * a);
    return 0.5 * w * w;
  }
  return Number.POSITIVE_INFINITY;
}
