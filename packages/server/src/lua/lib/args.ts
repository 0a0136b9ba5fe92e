/**
 * Argument checks for native library functions, with Lua 5.1's messages
 * ("bad argument #1 to 'insert' (table expected, got nil)"), raised at
 * the calling Lua code's position, as luaL_argerror does.
 *
 * @module
 */

import { callStack } from '../call-stack.js';
import { LuaTable } from '../table.js';
import { LuaError, luaType, numberToString, stringToNumber } from '../value.js';

/**
 * Raises "bad argument #n to 'f' (message)", as luaL_argerror does: the
 * function is named as the call named it (call-stack.ts's `callee`: `f`
 * after `local f = string.rep`), or '?'; for a method call the count
 * skips self, and a bad self is "calling 'f' on bad self". `_library` is
 * the function's name in its library, which Lua 5.1's message never
 * uses: it keeps each check's call site readable.
 */
export function argError(n: number, _library: string, message: string): never {
  const callee = callStack.callee ?? '?';
  if (callStack.calleeIsMethod) {
    if (n === 1) throw new LuaError(`calling '${callee}' on bad self (${message})`, 1);
    n--;
  }
  throw new LuaError(`bad argument #${n} to '${callee}' (${message})`, 1);
}

function typeError(args: unknown[], i: number, name: string, expected: string): never {
  const got = i < args.length ? luaType(args[i]) : 'no value';
  return argError(i + 1, name, `${expected} expected, got ${got}`);
}

/** Argument `i` (0-based) must be present (nil counts). */
export function checkAny(args: unknown[], i: number, name: string): unknown {
  if (i >= args.length) argError(i + 1, name, 'value expected');
  return args[i];
}

/** Argument `i` as a table. */
export function checkTable(args: unknown[], i: number, name: string): LuaTable {
  const value = args[i];
  if (value instanceof LuaTable) return value;
  return typeError(args, i, name, 'table');
}

/** Argument `i` as a string (a number is converted, as luaL_checklstring does). */
export function checkString(args: unknown[], i: number, name: string): string {
  const value = args[i];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  return typeError(args, i, name, 'string');
}

/** Argument `i` as a string, or `fallback` when nil or absent. */
export function optString(args: unknown[], i: number, name: string, fallback: string): string {
  return args[i] === undefined ? fallback : checkString(args, i, name);
}

/** Argument `i` as a number (a numeric string is converted). */
export function checkNumber(args: unknown[], i: number, name: string): number {
  const value = args[i];
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = stringToNumber(value);
    if (n !== undefined) return n;
  }
  return typeError(args, i, name, 'number');
}

/** Argument `i` as a number, or `fallback` when nil or absent. */
export function optNumber(args: unknown[], i: number, name: string, fallback: number): number {
  return args[i] === undefined ? fallback : checkNumber(args, i, name);
}

/** Argument `i` as an integer (truncated, as lua_tointeger's cast does). */
export function checkInteger(args: unknown[], i: number, name: string): number {
  return toInteger(checkNumber(args, i, name));
}

/** Argument `i` as an integer, or `fallback` when nil or absent. */
export function optInteger(args: unknown[], i: number, name: string, fallback: number): number {
  return args[i] === undefined ? fallback : checkInteger(args, i, name);
}

/**
 * A double as C's cast to a 64-bit integer does it on x86-64: truncated;
 * NaN and anything out of range give INT64_MIN (-2^63), as cvttsd2si does.
 */
export function toInteger(n: number): number {
  return Math.abs(n) < 2 ** 63 ? Math.trunc(n) : -(2 ** 63);
}

/**
 * Argument `i` as a C `int`, as luaL_checkint gives it: lua_tointeger's
 * 64-bit integer cut to its low 32 bits (two's complement), so
 * `2^32 + 5` is 5 and `2^31` is -2^31. Lua 5.1's libraries read counts,
 * positions in tables, bases and levels this way; string positions are
 * luaL_checkinteger's full 64 bits (checkInteger).
 */
export function checkInt(args: unknown[], i: number, name: string): number {
  return checkInteger(args, i, name) | 0;
}

/** Argument `i` as a C `int` (checkInt), or `fallback` when nil or absent. */
export function optInt(args: unknown[], i: number, name: string, fallback: number): number {
  return args[i] === undefined ? fallback : checkInt(args, i, name);
}

/**
 * A double as C's cast to a 32-bit `int` does it on x86-64: truncated;
 * NaN and anything out of range give INT_MIN (-2^31), as cvttsd2si does.
 */
export function toInt(n: number): number {
  return Math.abs(n) < 2 ** 31 ? Math.trunc(n) : -(2 ** 31);
}
