/**
 * The math functions Redis's Lua gets from glibc's libm, to the last bit.
 *
 * glibc's exp, log, pow, sin, cos, tan, asin, acos, atan and atan2 are
 * accurate to a little over half an ulp, so they almost always return the
 * double nearest the exact value; V8's Math functions are only accurate
 * to about one ulp, and differed from Redis in the last bit for 2 to 16%
 * of random arguments (`string.format('%.17g', 3.5 ^ 255)`, or any sum
 * that amplifies the difference). Here each is evaluated in double-double
 * arithmetic (about 106 bits, see double-double.ts; the smallest terms of
 * a series in plain doubles) and rounded once, so a result is off only
 * where the exact value lies within about 2^-30 of an ulp of a rounding
 * boundary. glibc rounds the wrong way more often than that (about one
 * result in a thousand, where this gives the correctly rounded double),
 * and at exact midpoints either way (3^34 up, 208065^3 down).
 * log10, sinh and cosh keep fdlibm's formulas, as glibc does, on top of
 * these.
 *
 * Each tries a quick evaluation in plain doubles first, with a bound on
 * its error, and the double-double path (the *-accurate.ts files) runs
 * only where that cannot decide the rounding (see exp-log.ts, trig.ts,
 * inverse-trig.ts): a call takes 20 to 150 ns, V8's 10 to 60. Special
 * arguments (infinities, NaNs, arguments out of the domain, and pow's
 * zeros and negative bases with fractional exponents) get V8's answer,
 * which is C99's but for the sign of a NaN: the Lua library's callers
 * handle those as glibc does.
 *
 * @module
 */

export { exp, log, log10, pow } from './exp-log.js';
export { cosh, sinh } from './hyperbolic.js';
export { acos, asin, atan, atan2 } from './inverse-trig.js';
export { cos, sin, tan } from './trig.js';
