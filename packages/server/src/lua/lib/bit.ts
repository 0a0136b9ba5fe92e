/**
 * LuaBitOp (the `bit` library Redis bundles): bitwise operations on
 * 32-bit integers. A number becomes one as LuaBitOp's barg does it (see
 * toBit).
 *
 * @module
 */

import { LuaTable } from '../table.js';
import type { LuaFunction } from '../value.js';
import { checkNumber } from './args.js';

const bits = new DataView(new ArrayBuffer(8));

/**
 * LuaBitOp's barg: adds 2^52 + 2^51 and keeps the low 32 bits of the
 * sum's IEEE representation. Below 2^51 that rounds to an integer (ties
 * to even) and takes it modulo 2^32; past it the low bits are whatever
 * the mantissa holds (bit.tobit(1e300) is -2013235812 in Redis), and an
 * infinity or a NaN gives 0.
 */
function toBit(n: number): number {
  bits.setFloat64(0, n + 6755399441055744, true);
  return bits.getInt32(0, true);
}

/** Builds the bit library. */
export function openBit(globals: LuaTable): void {
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  const arg = (args: unknown[], i: number, name: string) => toBit(checkNumber(args, i, name));
  define('tobit', (args) => [arg(args, 0, 'tobit')]);
  define('bnot', (args) => [~arg(args, 0, 'bnot')]);
  const fold = (name: string, f: (a: number, b: number) => number) =>
    define(name, (args) => {
      let result = arg(args, 0, name);
      for (let i = 1; i < args.length; i++) result = f(result, arg(args, i, name));
      return [result];
    });
  fold('band', (a, b) => a & b);
  fold('bor', (a, b) => a | b);
  fold('bxor', (a, b) => a ^ b);
  const shift = (name: string, f: (a: number, n: number) => number) =>
    define(name, (args) => [f(arg(args, 0, name), arg(args, 1, name) & 31)]);
  shift('lshift', (a, n) => a << n);
  shift('rshift', (a, n) => (a >>> n) | 0);
  shift('arshift', (a, n) => a >> n);
  shift('rol', (a, n) => (a << n) | (a >>> (32 - n)) | 0);
  shift('ror', (a, n) => (a >>> n) | (a << (32 - n)) | 0);
  define('bswap', (args) => {
    const a = arg(args, 0, 'bswap');
    return [(a >>> 24) | ((a >> 8) & 0xff00) | ((a & 0xff00) << 8) | (a << 24) | 0];
  });
  define('tohex', (args) => {
    let value = arg(args, 0, 'tohex');
    // Only an absent count is 8: a nil one fails barg's number check.
    let n = args.length > 1 ? arg(args, 1, 'tohex') : 8;
    const upper = n < 0;
    if (upper) n = -n;
    if (n > 8) n = 8;
    let out = '';
    for (let i = 0; i < n; i++) {
      out = '0123456789abcdef'[value & 15]! + out;
      value >>>= 4;
    }
    return [upper ? out.toUpperCase() : out];
  });
  globals.set('bit', lib);
}
