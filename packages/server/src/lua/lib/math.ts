/**
 * Lua 5.1's math library, with Redis's math.random: the lrand48
 * generator Redis swaps in, the same on every system. As in Redis 7.0,
 * its state carries on from one script to the next (a script that calls
 * math.randomseed first gets the numbers Redis gives).
 *
 * @module
 */

import { LuaTable } from '../table.js';
import { LuaError, type LuaFunction, libmResult, pow } from '../value.js';
import { argError, checkInteger, checkNumber } from './args.js';

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

/** Builds the math library; `random` draws from `generator`. */
export function openMath(globals: LuaTable, generator: Lrand48): void {
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  const unary = (name: string, f: (x: number) => number) =>
    define(name, (args) => {
      const x = checkNumber(args, 0, name);
      return [libmResult(f(x), x)];
    });
  // glibc's asin, acos and log10 return a positive NaN out of their domain.
  const positiveNaN = (name: string, f: (x: number) => number) =>
    define(name, (args) => [f(checkNumber(args, 0, name))]);
  // Two-argument functions check their second argument first: Lua 5.1
  // passes both checks as C arguments, which GCC evaluates right to left.
  const binary = (name: string, f: (x: number, y: number) => number) =>
    define(name, (args) => {
      const y = checkNumber(args, 1, name);
      const x = checkNumber(args, 0, name);
      return [libmResult(f(x, y), x, y)];
    });
  unary('abs', Math.abs);
  unary('ceil', Math.ceil);
  unary('floor', Math.floor);
  unary('sqrt', Math.sqrt);
  unary('sin', Math.sin);
  unary('cos', Math.cos);
  unary('tan', Math.tan);
  positiveNaN('asin', Math.asin);
  positiveNaN('acos', Math.acos);
  unary('atan', Math.atan);
  unary('sinh', Math.sinh);
  unary('cosh', Math.cosh);
  unary('tanh', Math.tanh);
  unary('exp', Math.exp);
  unary('log', Math.log);
  positiveNaN('log10', Math.log10);
  unary('deg', (x) => x * (180 / Math.PI));
  unary('rad', (x) => x * (Math.PI / 180));
  binary('atan2', Math.atan2);
  binary('pow', pow);
  binary('fmod', (x, y) => x % y);
  binary('mod', (x, y) => x % y);
  define('modf', (args) => {
    const x = checkNumber(args, 0, 'modf');
    const whole = x >= 0 ? Math.floor(x) : Math.ceil(x);
    return [whole, Number.isFinite(x) ? x - whole : 0];
  });
  define('frexp', (args) => {
    const x = checkNumber(args, 0, 'frexp');
    if (x === 0 || !Number.isFinite(x)) return [x, 0];
    let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
    let m = x * 2 ** -e;
    // Correct for rounding in log2.
    while (Math.abs(m) < 0.5) {
      m *= 2;
      e--;
    }
    while (Math.abs(m) >= 1) {
      m /= 2;
      e++;
    }
    return [m, e];
  });
  define('ldexp', (args) => {
    const e = checkInteger(args, 1, 'ldexp');
    return [checkNumber(args, 0, 'ldexp') * 2 ** e];
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
        const u = checkInteger(args, 0, 'random');
        if (u < 1) argError(1, 'random', 'interval is empty');
        return [Math.floor(r * u) + 1];
      }
      case 2: {
        const l = checkInteger(args, 0, 'random');
        const u = checkInteger(args, 1, 'random');
        if (l > u) argError(2, 'random', 'interval is empty');
        return [Math.floor(r * (u - l + 1)) + l];
      }
      default:
        throw new LuaError('wrong number of arguments', 1);
    }
  });
  define('randomseed', (args) => {
    generator.seed(checkInteger(args, 0, 'randomseed'));
    return [];
  });
  globals.set('math', lib);
}
