/**
 * Lua 5.1's math library, with Redis's math.random: the lrand48
 * generator Redis swaps in, the same on every system. As in Redis 7.0,
 * its state carries on from one script to the next (a script that calls
 * math.randomseed first gets the numbers Redis gives).
 *
 * @module
 */

import * as libm from '../../internal/libm/index.js';
import { LuaTable } from '../table.js';
import {
  LuaError,
  type LuaFunction,
  libmResult,
  NEGATIVE_NAN,
  POSITIVE_NAN,
  pow,
} from '../value.js';
import { oneValue } from '../value-array.js';
import { argError, checkInt, checkNumber } from './args.js';

/** Redis's redisLrand48 (rand.c): a 48-bit linear congruential generator. */
export class Lrand48 {
  // rand.c's initial state, before any seed.
  #x = 0x1234abcd330en;

  /** redisSrand48. */
  seed(value: number): void {
    this.#x = ((BigInt(value | 0) & 0xffffffffn) << 16n) | 0x330en;
  }

  /** redisLrand48: 31 random bits. */
  next(): number {
    this.#x = (this.#x * 0x5deece66dn + 0xbn) & 0xffffffffffffn;
    return Number(this.#x >> 17n);
  }
}

const LRAND48_MAX = 2147483647;

// The bits of a double, for frexp: big-endian, so the sign and exponent
// are the first two bytes.
const bits = new DataView(new ArrayBuffer(8));

/**
 * C's frexp: x = m * 2^e with 0.5 <= |m| < 1, read from x's bits (a
 * subnormal is scaled into the normal range first); ±0, ±inf and NaN
 * come back as they are, with exponent 0, as glibc gives them.
 */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let scale = 0;
  if (Math.abs(x) < 2 ** -1022) {
    x *= 2 ** 64;
    scale = 64;
  }
  bits.setFloat64(0, x);
  const high = bits.getUint16(0);
  // The biased exponent 1022 puts m in [0.5, 1); the sign bit and the
  // mantissa's top four bits stay.
  bits.setUint16(0, (high & 0x800f) | (1022 << 4));
  return [bits.getFloat64(0), ((high >> 4) & 0x7ff) - 1022 - scale];
}

/**
 * C's ldexp (musl's scalbn): x * 2^n rounded once. A power of two past
 * a double's range is applied in steps, and a result in the subnormal
 * range is reached by one final multiplication, so it is rounded once
 * (x * 2 ** n would overflow 2 ** n first: 1e-300 * 2^1100 is finite).
 */
function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= 2 ** 1023;
    n -= 1023;
    if (n > 1023) {
      y *= 2 ** 1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // Stop 53 above the subnormal range, so only the last step rounds.
    y *= 2 ** -1022 * 2 ** 53;
    n += 1022 - 53;
    if (n < -1022) {
      y *= 2 ** -1022 * 2 ** 53;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * 2 ** n;
}

/** Builds the math library; `random` draws from `generator`. */
export function openMath(globals: LuaTable, generator: Lrand48): void {
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  const unary = (name: string, f: (x: number) => number, invalid = NEGATIVE_NAN) =>
    define(name, (args) => {
      const x = checkNumber(args, 0, name);
      return oneValue(libmResult(f(x), x, 0, invalid));
    });
  // Two-argument functions check their second argument first: Lua 5.1
  // passes both checks as C arguments, which GCC evaluates right to left.
  const binary = (name: string, f: (x: number, y: number) => number) =>
    define(name, (args) => {
      const y = checkNumber(args, 1, name);
      const x = checkNumber(args, 0, name);
      return oneValue(libmResult(f(x, y), x, y));
    });
  // C's fabs clears the sign bit, a NaN's too.
  define('abs', (args) => {
    const x = checkNumber(args, 0, 'abs');
    return oneValue(Number.isNaN(x) ? POSITIVE_NAN : Math.abs(x));
  });
  unary('ceil', Math.ceil);
  unary('floor', Math.floor);
  unary('sqrt', Math.sqrt);
  // The trigonometric functions rounded as glibc's (internal/libm.ts); an
  // infinity or a NaN as JavaScript's, which agree with C's.
  unary('sin', (x) => (Number.isFinite(x) ? libm.sin(x) : Math.sin(x)));
  unary('cos', (x) => (Number.isFinite(x) ? libm.cos(x) : Math.cos(x)));
  unary('tan', (x) => (Number.isFinite(x) ? libm.tan(x) : Math.tan(x)));
  // glibc's asin, acos and log10 return a positive NaN out of their
  // domain (a NaN argument still comes back as it was).
  const inDomain = (x: number) => x >= -1 && x <= 1;
  unary('asin', (x) => (inDomain(x) ? libm.asin(x) : Math.asin(x)), POSITIVE_NAN);
  unary('acos', (x) => (inDomain(x) ? libm.acos(x) : Math.acos(x)), POSITIVE_NAN);
  unary('atan', (x) => (Number.isFinite(x) ? libm.atan(x) : Math.atan(x)));
  unary('sinh', (x) => (Number.isFinite(x) ? libm.sinh(x) : Math.sinh(x)));
  unary('cosh', (x) => (Number.isFinite(x) ? libm.cosh(x) : Math.cosh(x)));
  unary('tanh', Math.tanh);
  // exp, log and pow rounded as glibc's (see internal/libm.ts); their
  // special arguments as JavaScript's, which agree with C's.
  unary('exp', (x) => (Number.isFinite(x) ? libm.exp(x) : Math.exp(x)));
  unary('log', (x) => (x > 0 && x < Number.POSITIVE_INFINITY ? libm.log(x) : Math.log(x)));
  unary(
    'log10',
    (x) => (x > 0 && x < Number.POSITIVE_INFINITY ? libm.log10(x) : Math.log10(x)),
    POSITIVE_NAN,
  );
  unary('deg', (x) => x * (180 / Math.PI));
  unary('rad', (x) => x * (Math.PI / 180));
  binary('atan2', (y, x) =>
    Number.isFinite(y) && Number.isFinite(x) ? libm.atan2(y, x) : Math.atan2(y, x),
  );
  binary('pow', pow);
  binary('fmod', (x, y) => x % y);
  binary('mod', (x, y) => x % y);
  define('modf', (args) => {
    // C's modf: the fraction keeps x's sign (modf(-3) is -3 and -0), an
    // infinity's fraction is a zero of its sign, and NaN gives NaN twice.
    const x = checkNumber(args, 0, 'modf');
    if (Number.isNaN(x)) return [x, x];
    const whole = Math.trunc(x);
    const fraction = Number.isFinite(x) ? x - whole : 0;
    return [whole, fraction === 0 && (x < 0 || Object.is(x, -0)) ? -0 : fraction];
  });
  define('frexp', (args) => frexp(checkNumber(args, 0, 'frexp')));
  define('ldexp', (args) => {
    const e = checkInt(args, 1, 'ldexp');
    return [scalbn(checkNumber(args, 0, 'ldexp'), e)];
  });
  const extreme = (name: string, pick: (a: number, b: number) => boolean) =>
    define(name, (args) => {
      let best = checkNumber(args, 0, name);
      for (let i = 1; i < args.length; i++) {
        const n = checkNumber(args, i, name);
        if (pick(n, best)) best = n;
      }
      return [best];
    });
  extreme('min', (a, b) => a < b);
  extreme('max', (a, b) => a > b);
  lib.set('pi', Math.PI);
  lib.set('huge', Number.POSITIVE_INFINITY);
  define('random', (args) => {
    // Redis's redis_math_random.
    const r = (generator.next() % LRAND48_MAX) / LRAND48_MAX;
    switch (args.length) {
      case 0:
        return [r];
      case 1: {
        const u = checkInt(args, 0, 'random');
        if (u < 1) argError(1, 'random', 'interval is empty');
        return [Math.floor(r * u) + 1];
      }
      case 2: {
        const l = checkInt(args, 0, 'random');
        const u = checkInt(args, 1, 'random');
        if (l > u) argError(2, 'random', 'interval is empty');
        return [Math.floor(r * (u - l + 1)) + l];
      }
      default:
        throw new LuaError('wrong number of arguments', 1);
    }
  });
  define('randomseed', (args) => {
    generator.seed(checkInt(args, 0, 'randomseed'));
    return [];
  });
  globals.set('math', lib);
}
