/**
 * Lua 5.1's base library as Redis 7.0 leaves it in a script's globals:
 * assert, error, pcall, xpcall, type, tostring, tonumber, pairs, ipairs,
 * next, select, unpack, the raw functions, metatables, loadstring, load,
 * collectgarbage and gcinfo (print, dofile, loadfile, require, module,
 * getfenv and setfenv are not there, as in Redis).
 *
 * @module
 */

import process from 'node:process';
import { ScriptTimeout } from '../call-stack.js';
import { chunkId, chunkName, SYNTAX_ID_SIZE } from '../chunk-name.js';
import { compileChunk } from '../compiler.js';
import {
  callFirst,
  callFromNative,
  NO_VALUES,
  stringMetatable,
  toStringMeta,
} from '../operations.js';
import { parseChunk } from '../parser.js';
import { LuaTable, READONLY_TABLE } from '../table.js';
import {
  LuaError,
  type LuaFunction,
  luaType,
  numberToString,
  rawToString,
  stringToNumber,
  truthy,
} from '../value.js';
import {
  argError,
  checkAny,
  checkInt,
  checkString,
  checkTable,
  optInt,
  optString,
} from './args.js';

/** The most values `unpack` may return (Lua 5.1's LUAI_MAXCSTACK). */
const MAX_UNPACK = 8000;

/** Turns what a protected call caught into the error value `pcall` returns; rethrows what it must not catch. */
export function caughtValue(error: unknown): unknown {
  if (error instanceof LuaError) return error.value;
  if (error instanceof ScriptTimeout) throw error;
  // JavaScript's own stack or string limits are Lua's "stack overflow"
  // and "not enough memory".
  if (error instanceof RangeError) {
    return /call stack/i.test(error.message) ? 'stack overflow' : 'not enough memory';
  }
  throw error;
}

const next: LuaFunction = (args) => {
  const table = checkTable(args, 0, 'next');
  const entry = table.next(args[1]);
  return entry === undefined ? [undefined] : entry;
};

const ipairsIterator: LuaFunction = (args) => {
  const table = args[0] as LuaTable;
  const i = (args[1] as number) + 1;
  const value = table.get(i);
  return value === undefined ? [undefined] : [i, value];
};

/** Adds the base functions to `globals`. */
const ULONG_MAX = 2n ** 64n - 1n;
const SPACE = /[ \t\n\v\f\r]/;

/**
 * tonumber(s, base) for a base other than 10: C's strtoul (glibc's, 64-bit
 * unsigned long) as Lua 5.1 calls it, then nil unless only spaces follow
 * the digits. strtoul skips leading spaces, takes a sign and, in base 16,
 * a "0x" before a hex digit; a minus negates modulo 2^64 ("-1" is
 * 2^64 - 1), and a value past 2^64 - 1 is 2^64 - 1. Exact in BigInt, then
 * rounded once to a double, as C converts the unsigned long.
 */
function strtoul(text: string, base: number): number | undefined {
  let i = 0;
  while (i < text.length && SPACE.test(text[i]!)) i++;
  const negative = text[i] === '-';
  if (negative || text[i] === '+') i++;
  if (base === 16 && text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
    const after = text[i + 2];
    if (after !== undefined && Number.parseInt(after, 16) >= 0) i += 2;
  }
  const big = BigInt(base);
  let n = 0n;
  let digits = 0;
  for (; i < text.length; i++, digits++) {
    const d = Number.parseInt(text[i]!, 36);
    if (!(d < base)) break;
    // Past ULONG_MAX it stays there (strtoul's overflow); digits still count.
    if (n <= ULONG_MAX) n = n * big + BigInt(d);
  }
  if (digits === 0) return undefined;
  while (i < text.length && SPACE.test(text[i]!)) i++;
  if (i < text.length) return undefined;
  if (n > ULONG_MAX) return Number(ULONG_MAX);
  return Number(negative ? (2n ** 64n - n) % 2n ** 64n : n);
}

export function openBase(globals: LuaTable): void {
  const define = (name: string, fn: LuaFunction) => globals.set(name, fn);
  globals.set('_G', globals);
  globals.set('_VERSION', 'Lua 5.1');

  define('assert', (args) => {
    if (!truthy(args[0])) {
      checkAny(args, 0, 'assert');
      // luaL_error: the caller's position comes first, the message given
      // or not (`user_script:1: msg`).
      throw new LuaError(
        args[1] === undefined ? 'assertion failed!' : checkString(args, 1, 'assert'),
        1,
      );
    }
    return args;
  });

  define('error', (args) => {
    const level = optInt(args, 1, 'error', 1);
    const value = args[0];
    // A number counts as a string here (lua_isstring): it gets the
    // position too, and becomes a string with it.
    if (typeof value === 'number' && level > 0) throw new LuaError(numberToString(value), level);
    throw new LuaError(value, typeof value === 'string' ? level : 0);
  });

  define('pcall', (args) => {
    checkAny(args, 0, 'pcall');
    try {
      const results = callFromNative(args[0], args.slice(1));
      return [true, ...results];
    } catch (error) {
      return [false, caughtValue(error)];
    }
  });

  define('xpcall', (args) => {
    checkAny(args, 1, 'xpcall');
    const handler = args[1];
    try {
      return [true, ...callFromNative(args[0], [])];
    } catch (error) {
      const value = caughtValue(error);
      // Lua 5.1 calls the handler for one result; a handler that is not
      // a function, or that fails itself, ends in LUA_ERRERR's message.
      if (typeof handler !== 'function') return [false, 'error in error handling'];
      try {
        return [false, callFromNative(handler, [value])[0]];
      } catch (handlerError) {
        caughtValue(handlerError);
        return [false, 'error in error handling'];
      }
    }
  });

  define('type', (args) => [luaType(checkAny(args, 0, 'type'))]);

  define('tostring', (args) => [toStringMeta(checkAny(args, 0, 'tostring'), rawToString)]);

  define('tonumber', (args) => {
    const base = optInt(args, 1, 'tonumber', 10);
    const value = checkAny(args, 0, 'tonumber');
    if (base === 10) {
      if (typeof value === 'number') return [value];
      return [typeof value === 'string' ? stringToNumber(value) : undefined];
    }
    // The string is checked before the base, as Lua 5.1 does.
    const text = checkString(args, 0, 'tonumber');
    if (base < 2 || base > 36) argError(2, 'tonumber', 'base out of range');
    return [strtoul(text, base)];
  });

  define('next', next);
  define('pairs', (args) => [next, checkTable(args, 0, 'pairs'), undefined]);
  define('ipairs', (args) => [ipairsIterator, checkTable(args, 0, 'ipairs'), 0]);

  define('select', (args) => {
    const count = args.length - 1;
    if (args[0] === '#') return [count];
    let n = checkInt(args, 0, 'select');
    if (n < 0) n = count + n + 1;
    else if (n > count) n = count + 1;
    if (n < 1) argError(1, 'select', 'index out of range');
    return args.slice(n);
  });

  define('unpack', (args) => {
    const table = checkTable(args, 0, 'unpack');
    const from = optInt(args, 1, 'unpack', 1);
    const to = args[2] === undefined ? table.length : checkInt(args, 2, 'unpack');
    if (from > to) return NO_VALUES;
    if (to - from >= MAX_UNPACK) throw new LuaError('too many results to unpack', 1);
    const values: unknown[] = [];
    for (let i = from; i <= to; i++) values.push(table.get(i));
    return values;
  });

  define('rawget', (args) => [checkTable(args, 0, 'rawget').get(checkAny(args, 1, 'rawget'))]);
  define('rawset', (args) => {
    const table = checkTable(args, 0, 'rawset');
    checkAny(args, 1, 'rawset');
    checkAny(args, 2, 'rawset');
    table.set(args[1], args[2]);
    return [table];
  });
  define('rawequal', (args) => {
    checkAny(args, 0, 'rawequal');
    checkAny(args, 1, 'rawequal');
    return [args[0] === args[1]];
  });

  define('setmetatable', (args) => {
    const table = checkTable(args, 0, 'setmetatable');
    const metatable = args[1];
    if (metatable !== undefined && !(metatable instanceof LuaTable))
      argError(2, 'setmetatable', 'nil or table expected');
    if (table.metatable?.getString('__metatable') !== undefined)
      throw new LuaError('cannot change a protected metatable', 1);
    // lua_setmetatable's check: raised from C, so no position.
    if (table.readonly) throw new LuaError(READONLY_TABLE);
    table.metatable = metatable as LuaTable | undefined;
    return [table];
  });
  define('getmetatable', (args) => {
    const value = checkAny(args, 0, 'getmetatable');
    const metatable =
      value instanceof LuaTable
        ? value.metatable
        : typeof value === 'string'
          ? stringMetatable
          : undefined;
    if (metatable === undefined) return [undefined];
    const protectedValue = metatable.getString('__metatable');
    return [protectedValue !== undefined ? protectedValue : metatable];
  });

  // A chunk is named by how it was loaded (chunk-name.ts): syntax errors
  // print that name one way, runtime errors another.
  const load = (code: string, source: string): unknown[] => {
    try {
      return [
        compileChunk(parseChunk(code, chunkId(source, SYNTAX_ID_SIZE)), globals, chunkName(source)),
      ];
    } catch (error) {
      if (error instanceof LuaError) return [undefined, error.value];
      throw error;
    }
  };
  define('loadstring', (args) => {
    const code = checkString(args, 0, 'loadstring');
    return load(code, optString(args, 1, 'loadstring', code));
  });
  define('load', (args) => {
    const reader = args[0];
    if (typeof reader !== 'function')
      return argError(1, 'load', `function expected, got ${luaType(reader)}`);
    let source = '';
    for (;;) {
      const piece = callFirst(reader, []);
      if (piece === undefined || piece === '') break;
      if (typeof piece !== 'string') throw new LuaError('reader function must return a string', 1);
      source += piece;
    }
    return load(source, optString(args, 1, 'load', '=(load)'));
  });

  // Lua 5.1's collector settings, kept with the state as Lua keeps them
  // (LUAI_GCPAUSE and LUAI_GCMUL); setting one returns the previous value.
  const collector = { setpause: 200, setstepmul: 200 };
  define('collectgarbage', (args) => {
    const option = optString(args, 0, 'collectgarbage', 'collect');
    const options = ['stop', 'restart', 'collect', 'count', 'step', 'setpause', 'setstepmul'];
    if (!options.includes(option)) argError(1, 'collectgarbage', `invalid option '${option}'`);
    const data = optInt(args, 1, 'collectgarbage', 0);
    switch (option) {
      case 'count':
        return [process.memoryUsage().heapUsed / 1024];
      // Whether the step finished a cycle: a single step seldom does.
      case 'step':
        return [false];
      case 'setpause':
      case 'setstepmul': {
        const previous = collector[option];
        collector[option] = data;
        return [previous];
      }
      default:
        return [0];
    }
  });
  define('gcinfo', () => [Math.floor(process.memoryUsage().heapUsed / 1024)]);
}
