/**
 * Argument checks for native library functions, with Lua 5.1's messages
 * ("bad argument #1 to 'insert' (table expected, got nil)"), raised at
 * the calling Lua code's position, as luaL_argerror does.
 *
 * @module
 */

import { LuaTable } from '../table.js';
import { LuaError, luaType, numberToString, stringToNumber } from '../value.js';

/** Raises "bad argument #n to 'name' (message)". */
export function argError(n: number, name: string, message: string): never {
  throw new LuaError(`bad argument #${n} to '${name}' (${message})`, 1);
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

/** A double as C's cast to an integer does it (NaN and infinities as 0 here: undefined in C). */
export function toInteger(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
