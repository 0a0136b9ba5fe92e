/**
 * Lua 5.1's operations on values, with their metamethods and error
 * messages: indexing, calls, arithmetic, comparison, concatenation and
 * length. The compiled code (compiler.ts) takes the fast paths (two
 * numbers, a table field) itself and calls these for the rest.
 *
 * `what` arguments describe the operand for error messages, as Lua's
 * getobjname does ("local 'x'", "field 'k'"), or are empty.
 *
 * @module
 */

import { callStack } from './call-stack.js';
import { invalidKey, LuaTable, READONLY_TABLE } from './table.js';
import {
  LuaError,
  type LuaFunction,
  luaType,
  nanOf,
  negateNumber,
  numberToString,
  pow,
  toNumber,
} from './value.js';

/** The metatable every string shares; its __index is the string library (set by the library). */
export const stringMetatable = new LuaTable();

const EMPTY: unknown[] = [];

/**
 * Raises a runtime error positioned at `line` of the running function;
 * line 0 (an operation a native function does, such as table.sort's
 * comparisons) has no position, as in Lua 5.1.
 */
export function errorAt(line: number, message: string): never {
  if (line === 0) throw new LuaError(message);
  callStack.lines[callStack.depth] = line;
  callStack.nativeCaller = false;
  throw new LuaError(message, 1);
}

function describe(value: unknown, what: string): string {
  return what === '' ? `a ${luaType(value)} value` : `${what} (a ${luaType(value)} value)`;
}

/** `value`'s metamethod `event`, or undefined. */
export function metamethod(value: unknown, event: string): unknown {
  if (value instanceof LuaTable) return value.metatable?.getString(event);
  if (typeof value === 'string') return stringMetatable.getString(event);
  return undefined;
}

/**
 * Calls `fn` (a function, or a value with __call).
 * @throws LuaError "attempt to call ..." when it cannot be called.
 */
export function call(fn: unknown, args: unknown[], line: number, what: string): unknown[] {
  if (typeof fn === 'function') return (fn as LuaFunction)(args);
  const handler = metamethod(fn, '__call');
  if (typeof handler === 'function') return (handler as LuaFunction)([fn, ...args]);
  return errorAt(line, `attempt to call ${describe(fn, what)}`);
}

/**
 * Calls `fn` from a native function (pcall, table.sort's comparator, a
 * gsub replacement): it has no name, and its errors no position, as when
 * Lua 5.1 calls from C.
 */
export function callFromNative(fn: unknown, args: unknown[]): unknown[] {
  // The native function goes on after the call (table.sort compares
  // again, gsub checks the replacement): its own errors must still be
  // positioned and named as its caller's, so its view is put back.
  const { callee, calleeIsMethod, nativeCaller } = callStack;
  callStack.callee = undefined;
  callStack.calleeIsMethod = false;
  callStack.nativeCaller = true;
  try {
    // Line 0: an error calling it has no position (see errorAt).
    return call(fn, args, 0, '');
  } finally {
    callStack.callee = callee;
    callStack.calleeIsMethod = calleeIsMethod;
    callStack.nativeCaller = nativeCaller;
  }
}

/** `callFromNative`'s first result. */
export function callFirst(fn: unknown, args: unknown[]): unknown {
  return callFromNative(fn, args)[0];
}

// Calls a metamethod from Lua code's operation at `line`: Lua 5.1 has no
// name for it ('?' in argument errors), but a position.
function callMetamethod(handler: unknown, args: unknown[], line: number): unknown[] {
  callStack.lines[callStack.depth] = line;
  callStack.callee = undefined;
  callStack.calleeIsMethod = false;
  callStack.nativeCaller = false;
  return call(handler, args, line, '');
}

/** `object[key]`, with __index. */
export function index(object: unknown, key: unknown, line: number, what: string): unknown {
  for (let loop = 0; loop < 100; loop++) {
    let handler: unknown;
    if (object instanceof LuaTable) {
      const value = object.get(key);
      if (value !== undefined) return value;
      const metatable = object.metatable;
      if (metatable === undefined) return undefined;
      handler = metatable.getString('__index');
      if (handler === undefined) return undefined;
    } else {
      handler = metamethod(object, '__index');
      if (handler === undefined) return errorAt(line, `attempt to index ${describe(object, what)}`);
    }
    if (typeof handler === 'function') return callMetamethod(handler, [object, key], line)[0];
    object = handler;
    what = '';
  }
  return errorAt(line, 'loop in gettable');
}

/** `object[key] = value`, with __newindex. */
export function setIndex(
  object: unknown,
  key: unknown,
  value: unknown,
  line: number,
  what: string,
): void {
  callStack.lines[callStack.depth] = line;
  callStack.nativeCaller = false;
  for (let loop = 0; loop < 100; loop++) {
    let handler: unknown;
    if (object instanceof LuaTable) {
      // luaV_settable sets the key's slot before it looks for __newindex:
      // a nil or NaN key fails even on a table that has one.
      const invalid = invalidKey(key);
      if (invalid !== undefined) errorAt(line, invalid);
      const metatable = object.metatable;
      handler = metatable?.getString('__newindex');
      if (handler === undefined || object.get(key) !== undefined) {
        if (object.readonly) errorAt(line, READONLY_TABLE);
        object.set(key, value);
        return;
      }
    } else {
      handler = metamethod(object, '__newindex');
      if (handler === undefined) errorAt(line, `attempt to index ${describe(object, what)}`);
    }
    if (typeof handler === 'function') {
      callMetamethod(handler, [object, key, value], line);
      return;
    }
    object = handler;
    what = '';
  }
  errorAt(line, 'loop in settable');
}

const ARITH_EVENTS: Record<string, string> = {
  '+': '__add',
  '-': '__sub',
  '*': '__mul',
  '/': '__div',
  '%': '__mod',
  '^': '__pow',
};

/** Applies an arithmetic operator to two numbers. */
export function arithmetic(op: string, x: number, y: number): number {
  let result: number;
  switch (op) {
    case '+':
      result = x + y;
      break;
    case '-':
      result = x - y;
      break;
    case '*':
      result = x * y;
      break;
    case '/':
      result = x / y;
      break;
    case '%':
      // Lua 5.1: a - floor(a/b)*b (the sign follows the divisor).
      result = x - Math.floor(x / y) * y;
      break;
    default:
      return pow(x, y);
  }
  // A NaN's sign as x86 gives it (see nanOf).
  return Number.isNaN(result) ? nanOf(x, y) : result;
}

/** Binary arithmetic on any values: numbers, numeric strings, or metamethods. */
export function arith(
  op: string,
  a: unknown,
  b: unknown,
  line: number,
  whatA: string,
  whatB: string,
): unknown {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return arithmetic(op, x, y);
  const event = ARITH_EVENTS[op]!;
  const handler = metamethod(a, event) ?? metamethod(b, event);
  if (handler !== undefined) return callMetamethod(handler, [a, b], line)[0];
  // Lua names the first operand that is not a number.
  return x === undefined
    ? errorAt(line, `attempt to perform arithmetic on ${describe(a, whatA)}`)
    : errorAt(line, `attempt to perform arithmetic on ${describe(b, whatB)}`);
}

/** Unary minus on any value. */
export function negate(a: unknown, line: number, what: string): unknown {
  const x = toNumber(a);
  if (x !== undefined) return negateNumber(x);
  const handler = metamethod(a, '__unm');
  if (handler !== undefined) return callMetamethod(handler, [a, a], line)[0];
  return errorAt(line, `attempt to perform arithmetic on ${describe(a, what)}`);
}

/** `a .. b` on any values. */
export function concat(
  a: unknown,
  b: unknown,
  line: number,
  whatA: string,
  whatB: string,
): unknown {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'string' || ta === 'number') && (tb === 'string' || tb === 'number')) {
    const text =
      (ta === 'number' ? numberToString(a as number) : (a as string)) +
      (tb === 'number' ? numberToString(b as number) : (b as string));
    return text;
  }
  const handler = metamethod(a, '__concat') ?? metamethod(b, '__concat');
  if (handler !== undefined) return callMetamethod(handler, [a, b], line)[0];
  return ta === 'string' || ta === 'number'
    ? errorAt(line, `attempt to concatenate ${describe(b, whatB)}`)
    : errorAt(line, `attempt to concatenate ${describe(a, whatA)}`);
}

/** `#a` on any value. */
export function length(a: unknown, line: number, what: string): unknown {
  if (typeof a === 'string') return a.length;
  if (a instanceof LuaTable) return a.length;
  const handler = metamethod(a, '__len');
  if (handler !== undefined) return callMetamethod(handler, [a], line)[0];
  return errorAt(line, `attempt to get length of ${describe(a, what)}`);
}

/** `a == b`, with __eq for two tables. */
export function equals(a: unknown, b: unknown, line: number): boolean {
  if (a === b) return true;
  if (!(a instanceof LuaTable) || !(b instanceof LuaTable)) return false;
  const handler = metamethod(a, '__eq');
  if (handler === undefined || handler !== metamethod(b, '__eq')) return false;
  const result = callMetamethod(handler, [a, b], line)[0];
  return result !== undefined && result !== false;
}

function orderError(a: unknown, b: unknown, line: number): never {
  const ta = luaType(a);
  const tb = luaType(b);
  return errorAt(
    line,
    ta === tb ? `attempt to compare two ${ta} values` : `attempt to compare ${ta} with ${tb}`,
  );
}

/** `a < b`. */
export function lessThan(a: unknown, b: unknown, line: number): boolean {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'number' || ta === 'string') return (a as number) < (b as number);
    const handler = metamethod(a, '__lt');
    if (handler !== undefined && handler === metamethod(b, '__lt')) {
      const result = callMetamethod(handler, [a, b], line)[0];
      return result !== undefined && result !== false;
    }
  }
  return orderError(a, b, line);
}

/** `a <= b` (with __le, else not __lt(b, a), as Lua 5.1). */
export function lessEqual(a: unknown, b: unknown, line: number): boolean {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'number' || ta === 'string') return (a as number) <= (b as number);
    const handler = metamethod(a, '__le');
    if (handler !== undefined && handler === metamethod(b, '__le')) {
      const result = callMetamethod(handler, [a, b], line)[0];
      return result !== undefined && result !== false;
    }
    const lt = metamethod(a, '__lt');
    if (lt !== undefined && lt === metamethod(b, '__lt')) {
      const result = callMetamethod(lt, [b, a], line)[0];
      return result === undefined || result === false;
    }
  }
  return orderError(a, b, line);
}

/**
 * Lua's tostring, with __tostring, whose result Lua 5.1 returns as it is
 * (a table too).
 */
export function toStringMeta(value: unknown, rawToString: (value: unknown) => string): unknown {
  const handler = metamethod(value, '__tostring');
  if (handler !== undefined) return callFirst(handler, [value]);
  return rawToString(value);
}

export { EMPTY as NO_VALUES };
