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

import * as libm from '../internal/libm/index.js';
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
  /** That function's chunk, as loaded ("@user_script"); undefined outside Lua code. */
  readonly source: string | undefined;

  constructor(value: unknown, level = 0) {
    const position = typeof value === 'string' ? callStack.where(level) : '';
    super(typeof value === 'string' ? position + value : 'Lua error');
    this.value = typeof value === 'string' ? position + value : value;
    this.line = callStack.lines[callStack.depth] ?? 0;
    this.source = callStack.chunks[callStack.depth]?.source;
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

const signView = new DataView(new ArrayBuffer(8));

/** x86's default NaN (sign bit set), which glibc's libm returns for an invalid operation. */
export const NEGATIVE_NAN = (() => {
  signView.setBigUint64(0, 0xfff8000000000000n);
  return signView.getFloat64(0);
})();

/** A NaN with its sign bit clear, as C's fabs and strtod("nan") give, which glibc prints "nan". */
export const POSITIVE_NAN = (() => {
  signView.setBigUint64(0, 0x7ff8000000000000n);
  return signView.getFloat64(0);
})();

// Why NaNs are chosen here rather than left to the arithmetic: the sign of
// a NaN is seen (tostring prints "-nan" or "nan"), and Redis's Lua gets it
// from the processor: an invalid operation (inf - inf, 0/0, inf * 0) gives
// x86's default, negative NaN, and an operation on a NaN gives that NaN
// back. V8 does not promise NaN bits: its optimizing compiler and runtime
// may hand back a canonical, positive NaN instead, so the same script
// printed "-nan" or "nan" depending on what had run before it. (The
// arrays that carry NaNs matter too: see value-array.ts.)

/**
 * The NaN x86 gives for an operation on `x` and `y` whose result is NaN:
 * the first operand that is a NaN, or the default, negative NaN when
 * neither is (an invalid operation).
 */
export function nanOf(x: number, y: number): number {
  if (Number.isNaN(x)) return x;
  return Number.isNaN(y) ? y : NEGATIVE_NAN;
}

/** `-x` with a NaN's sign flipped as x86 flips it (V8 may not keep the bit). */
export function negateNumber(x: number): number {
  if (!Number.isNaN(x)) return -x;
  return signBit(x) ? POSITIVE_NAN : NEGATIVE_NAN;
}

/**
 * A libm function's result as glibc gives it: a NaN made from operands
 * that were not NaN (`x`, and `y` for a function of two) is `invalid`
 * (x86's default, negative NaN, unless the function is documented
 * otherwise); a NaN operand comes back as it was.
 */
export function libmResult(result: number, x: number, y = 0, invalid = NEGATIVE_NAN): number {
  if (!Number.isNaN(result)) return result;
  if (Number.isNaN(x)) return x;
  return Number.isNaN(y) ? y : invalid;
}

/**
 * C's pow, for Lua's `^` and math.pow: JavaScript's `**` but where C99
 * says otherwise (pow(1, y) is 1 for every y, NaN too, and pow(-1, ±inf)
 * is 1, where `**` gives NaN), with libm's NaN (see libmResult).
 */
export function pow(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY)))
    return 1;
  // Finite nonzero operands (a negative x only with an integer y) go to
  // the correctly rounded pow; the rest are C99's special cases, where **
  // agrees with C apart from the NaNs handled below.
  if (
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    x !== 0 &&
    y !== 0 &&
    (x > 0 || Number.isInteger(y))
  )
    return libm.pow(x, y);
  const result = x ** y;
  if (!Number.isNaN(result)) return result;
  // glibc's pow: with a NaN x and a y that is a finite number other than
  // 0, the result is x * x, negated when x's sign bit is set and y is an
  // odd integer (so pow(-nan, 1) is a positive NaN); otherwise x + y, the
  // first NaN; and the default NaN when neither was one (pow(-2, 0.5)).
  if (Number.isNaN(x) && Number.isFinite(y))
    return signBit(x) && Number.isInteger(y) && Math.abs(y % 2) === 1 ? POSITIVE_NAN : x;
  return nanOf(x, y);
}

/**
 * Whether `n`'s sign bit is set: true for -0 and for a negative NaN (x86's
 * 0/0 is a negative NaN, which glibc prints "-nan"; see nanOf).
 */
export function signBit(n: number): boolean {
  signView.setFloat64(0, n);
  return (signView.getUint8(0) & 0x80) !== 0;
}

// The exact value of a finite double as numerator / 2^shift (both BigInt).
function exactParts(n: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(n));
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = exponent === 0 ? fraction : fraction | 0x10000000000000n;
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  return power >= 0
    ? { numerator: mantissa << BigInt(power), shift: 0n }
    : { numerator: mantissa, shift: BigInt(-power) };
}

// numerator / denominator rounded to an integer, ties to even (as glibc's
// printf rounds the exact value of a double).
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/**
 * |n| with `digits` digits after the point, as glibc's "%.<digits>f":
 * exactly rounded, ties to even (JavaScript's toFixed rounds ties up and
 * gives up past 1e21).
 */
export function fixedDigits(n: number, digits: number): string {
  const a = Math.abs(n);
  if (a < 1e21) {
    // Only a tie can differ, and a tie shows as a trailing 5 one digit further.
    const longer = a.toFixed(digits + 1);
    if (!longer.endsWith('5')) return a.toFixed(digits);
  }
  const { numerator, shift } = exactParts(a);
  const scaled = divideRounded(numerator * 10n ** BigInt(digits), 1n << shift);
  const text = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * |n| as "d.ddde+x" with `digits` digits after the point, as glibc's
 * "%.<digits>e" (exactly rounded, ties to even).
 */
export function exponentialDigits(n: number, digits: number): string {
  const a = Math.abs(n);
  const quick = a.toExponential(digits);
  if (
    a === 0 ||
    !a
      .toExponential(Math.min(digits + 1, 100))
      .replace(/e.*$/, '')
      .endsWith('5')
  )
    return quick;
  const { numerator, shift } = exactParts(a);
  let e = Number(quick.slice(quick.indexOf('e') + 1));
  for (;;) {
    const s = e - digits;
    const scaled =
      s >= 0
        ? divideRounded(numerator, (1n << shift) * 10n ** BigInt(s))
        : divideRounded(numerator * 10n ** BigInt(-s), 1n << shift);
    const text = scaled.toString();
    // Rounding up may carry into one more digit (9.99... to 10.0).
    if (text.length > digits + 1) {
      e++;
      continue;
    }
    const mantissa = digits === 0 ? text : `${text[0]}.${text.slice(1)}`;
    return `${mantissa}e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
}

/** C's "%.<precision>g", with glibc's spellings of infinity and NaN ("-nan" when its sign bit is set). */
export function formatG(n: number, precision: number, alternate = false): string {
  if (Number.isNaN(n)) return signBit(n) ? '-nan' : 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const p = precision === 0 ? 1 : precision;
  if (n === 0) {
    const zero = alternate ? `0.${'0'.repeat(p - 1)}` : '0';
    return Object.is(n, -0) ? `-${zero}` : zero;
  }
  const exponential = exponentialDigits(n, p - 1);
  const e = Number(exponential.slice(exponential.indexOf('e') + 1));
  let text: string;
  if (e < -4 || e >= p) {
    let mantissa = exponential.slice(0, exponential.indexOf('e'));
    if (!alternate) mantissa = stripZeros(mantissa);
    const sign = e < 0 ? '-' : '+';
    const digits = String(Math.abs(e)).padStart(2, '0');
    text = `${mantissa}e${sign}${digits}`;
  } else {
    text = fixedDigits(n, p - 1 - e);
    if (!alternate) text = stripZeros(text);
  }
  return n < 0 ? `-${text}` : text;
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/\.?0+$/, '');
}

const SPACE = /^[ \t\n\v\f\r]*([\s\S]*?)[ \t\n\v\f\r]*$/;

// What glibc's strtod reads (C locale), from the sticky position: a sign,
// then a hexadecimal float (at least one digit after 0x; else just the
// 0), a decimal one, "inf"/"infinity" or "nan"/"nan(chars)", any case.
const STRTOD =
  /([+-]?)(?:0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))/iy;

/**
 * C's strtod at `at` in `text`: the number it reads and the index just
 * past it, or undefined when it reads nothing (strtod's endptr == nptr).
 * Leading spaces are the caller's business.
 */
export function strtodPrefix(text: string, at: number): { value: number; end: number } | undefined {
  STRTOD.lastIndex = at;
  const match = STRTOD.exec(text);
  if (match === null) return undefined;
  let value: number;
  if (match[5] !== undefined) {
    value = Number(match[5]);
  } else if (match[6] !== undefined) {
    value = /^nan/i.test(match[6]) ? POSITIVE_NAN : Number.POSITIVE_INFINITY;
  } else {
    // glibc's strtod reads C99 hexadecimal floats: 0x1.8p3 is 12.
    const whole = match[2] ?? '';
    const fraction = match[3] ?? '';
    const mantissa = BigInt(`0x${whole}${fraction}0`) / 16n;
    const exponent = Number(match[4] ?? '0') - 4 * fraction.length;
    value = Number(mantissa) * 2 ** exponent;
  }
  return { value: match[1] === '-' ? negateNumber(value) : value, end: STRTOD.lastIndex };
}

/**
 * A string as a number, as Lua 5.1's luaO_str2d reads it (C's strtod:
 * decimal, hexadecimal, "inf" and "nan"; surrounding spaces allowed), or
 * undefined when it is not one.
 */
export function stringToNumber(text: string): number | undefined {
  // Lua 5.1 hands strtod a C string: an embedded NUL ends it.
  const nul = text.indexOf('\0');
  const body = SPACE.exec(nul < 0 ? text : text.slice(0, nul))![1]!;
  const read = strtodPrefix(body, 0);
  return read !== undefined && read.end === body.length ? read.value : undefined;
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
