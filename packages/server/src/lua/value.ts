/**
 * How Lua values are held, and Lua 5.1's conversions between them.
 *
 * nil is `undefined`, booleans and numbers (doubles) are JavaScript's,
 * a string is a JavaScript string with one char per byte (Latin-1, so a
 * Redis value's bytes come back unchanged and `#s` counts bytes), a table
 * is a `LuaTable`, a function is a JavaScript function taking its
 * arguments as an array and returning its results as one, and userdata
 * (cjson.null) is a `LuaUserdata`. Errors are `LuaError`s carrying any Lua
 * value.
 *
 * @module
 */

import { callStack } from './call-stack.js';
import { LuaTable } from './table.js';

/** A function value: arguments in, results out (both arrays, nil as undefined). */
export type LuaFunction = (args: unknown[]) => unknown[];

/** Opaque userdata, such as cjson.null. */
export class LuaUserdata {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/**
 * A Lua error: `value` is what `error` was given (usually a string).
 * `level` prefixes a string message with the position of the Lua code
 * that many call levels out (1: the code that called the native function
 * raising it), as luaL_error does; 0 adds none.
 */
export class LuaError extends Error {
  readonly value: unknown;
  /** The innermost Lua line running when it was raised (Redis names it: "on @user_script:N"). */
  readonly line: number;

  constructor(value: unknown, level = 0) {
    const position = typeof value === 'string' ? callStack.where(level) : '';
    super(typeof value === 'string' ? position + value : 'Lua error');
    this.value = typeof value === 'string' ? position + value : value;
    this.line = callStack.lines[callStack.depth] ?? 0;
  }
}

/** Lua's `type()`. */
export function luaType(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'function':
      return 'function';
    default:
      return value instanceof LuaTable ? 'table' : 'userdata';
  }
}

/** Lua's truth: everything but nil and false. */
export function truthy(value: unknown): boolean {
  return value !== undefined && value !== false;
}

/** A number as Lua 5.1 prints it: C's "%.14g". */
export function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e14) return Object.is(n, -0) ? '-0' : String(n);
  return formatG(n, 14);
}

/** C's "%.<precision>g" (glibc's spellings of infinity and NaN; NaN as glibc prints 0/0). */
export function formatG(n: number, precision: number, alternate = false): string {
  if (Number.isNaN(n)) return '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const p = precision === 0 ? 1 : precision;
  if (n === 0) {
    const zero = alternate ? `0.${'0'.repeat(p - 1)}` : '0';
    return Object.is(n, -0) ? `-${zero}` : zero;
  }
  const exponential = n.toExponential(p - 1);
  const e = Number(exponential.slice(exponential.indexOf('e') + 1));
  let text: string;
  if (e < -4 || e >= p) {
    let mantissa = exponential.slice(0, exponential.indexOf('e'));
    if (!alternate) mantissa = stripZeros(mantissa);
    const sign = e < 0 ? '-' : '+';
    const digits = String(Math.abs(e)).padStart(2, '0');
    text = `${mantissa}e${sign}${digits}`;
  } else {
    text = n.toFixed(p - 1 - e);
    if (!alternate) text = stripZeros(text);
  }
  return text;
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/\.?0+$/, '');
}

const SPACE = /^[ \t\n\v\f\r]*([\s\S]*?)[ \t\n\v\f\r]*$/;

/**
 * A string as a number, as Lua 5.1's luaO_str2d reads it (C's strtod:
 * decimal, hexadecimal, "inf" and "nan"; surrounding spaces allowed), or
 * undefined when it is not one.
 */
export function stringToNumber(text: string): number | undefined {
  const body = SPACE.exec(text)![1]!;
  if (body === '') return undefined;
  const match =
    /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(inf(?:inity)?|nan))$/i.exec(
      body,
    );
  if (match === null) return undefined;
  const negative = match[1] === '-';
  let value: number;
  if (match[2] !== undefined) value = Number.parseInt(match[2], 16);
  else if (match[3] !== undefined) value = Number(match[3]);
  else value = match[4]!.toLowerCase() === 'nan' ? Number.NaN : Number.POSITIVE_INFINITY;
  return negative ? -value : value;
}

/** A value as a number for arithmetic (numbers, and strings that read as one), else undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return stringToNumber(value);
  return undefined;
}

// Made-up addresses for tostring(table) and friends, stable per object.
const addresses = new WeakMap<object, number>();
let nextAddress = 0x55d4c0a0;

/** The "0x..." address tostring prints for a table, function or userdata. */
export function addressOf(value: object): string {
  let address = addresses.get(value);
  if (address === undefined) {
    address = nextAddress;
    nextAddress += 0x40;
    addresses.set(value, address);
  }
  return `0x${address.toString(16).padStart(12, '0')}`;
}

/** Lua's tostring without metamethods. */
export function rawToString(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return numberToString(value);
    case 'string':
      return value;
    case 'function':
      return `function: ${addressOf(value)}`;
    default:
      if (value instanceof LuaTable) return `table: ${addressOf(value)}`;
      // cjson.null is a light userdata holding NULL.
      if (value instanceof LuaUserdata && value.name === 'null') return 'userdata: (nil)';
      return `userdata: ${addressOf(value as object)}`;
  }
}
