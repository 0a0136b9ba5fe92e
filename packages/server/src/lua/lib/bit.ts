/**
 * LuaBitOp (the `bit` library Redis bundles): bitwise operations on
 * 32-bit integers. A number becomes one as LuaBitOp's barg does it:
 * rounded to the nearest integer (ties to even), then taken modulo 2^32.
 *
 * @module
 */

import { LuaTable } from '../table.js';
import type { LuaFunction } from '../value.js';
import { checkNumber, optInteger } from './args.js';

function toBit(n: number): number {
  // Adding 2^52 + 2^51 rounds to an integer the way the FPU does (ties
  // to even), as LuaBitOp's union trick; |0 then keeps the low 32 bits.
  return (n + 6755399441055744 - 6755399441055744) | 0;
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
    let n = optInteger(args, 1, 'tohex', 8);
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
