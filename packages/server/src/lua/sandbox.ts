/**
 * The globals a Redis 7.0 script sees: Lua 5.1's base, string, table and
 * math libraries, LuaBitOp's `bit`, cjson, cmsgpack and struct (and, from the
 * caller, `redis`), with Redis's protections: every library table and the
 * globals table are read-only ("Attempt to modify a readonly table"), and
 * reading a global that does not exist is an error ("Script attempted to
 * access nonexistent global variable 'x'").
 *
 * @module
 */

import { callStack } from './call-stack.js';
import { caughtValue, openBase } from './lib/base.js';
import { openBit } from './lib/bit.js';
import { openCjson } from './lib/cjson.js';
import { openCmsgpack } from './lib/cmsgpack.js';
import { Lrand48, openMath } from './lib/math.js';
import { openString } from './lib/string.js';
import { openStruct } from './lib/struct.js';
import { openTable } from './lib/table.js';
import { callFromNative, index } from './operations.js';
import { LuaTable } from './table.js';
import { LuaError, type LuaFunction } from './value.js';

/** A script environment: its globals and the generator behind math.random. */
export interface Sandbox {
  readonly globals: LuaTable;
  readonly random: Lrand48;
  /** Sets a global past the read-only guard (KEYS and ARGV, before each run). */
  setGlobal(name: string, value: unknown): void;
}

/**
 * Redis 7's pcall (luaRedisPcall), which replaces Lua's: an error table's
 * `err` field (what redis.call raises), read with metamethods, is the
 * error when it is a string or a number; otherwise the table comes back
 * and the field after it (so three values, the last often nil). Called
 * with nothing, its lua_pcall(L, -1) calls the slot its placeholder
 * `true` was copied to: "attempt to call a boolean value".
 */
const redisPcall: LuaFunction = (args) => {
  if (args.length === 0) return [false, 'attempt to call a boolean value'];
  try {
    return [true, ...callFromNative(args[0], args.slice(1))];
  } catch (error) {
    const value = caughtValue(error);
    if (!(value instanceof LuaTable)) return [false, value];
    const err =
      value.metatable === undefined
        ? value.get('err')
        : index(value, 'err', callStack.lines[callStack.depth] ?? 0, '');
    if (typeof err === 'string' || typeof err === 'number') return [false, err];
    return [false, value, err];
  }
};

/**
 * Builds the globals, with `libraries` (such as `redis`) added before
 * they are frozen. `options.random` is the generator behind math.random
 * (Redis has one for EVAL and functions alike; a new one by default);
 * `options.errorHandler` adds the global `__redis__err__handler` that
 * EVAL's scripts can see (true by default; functions' globals lack it).
 */
export function createSandbox(
  libraries: Record<string, LuaTable>,
  options: { random?: Lrand48; errorHandler?: boolean } = {},
): Sandbox {
  const globals = new LuaTable();
  const random = options.random ?? new Lrand48();
  openBase(globals);
  openString(globals);
  openTable(globals);
  openMath(globals, random);
  openBit(globals);
  openCjson(globals);
  openCmsgpack(globals);
  openStruct(globals);
  for (const [name, table] of Object.entries(libraries)) globals.set(name, table);
  globals.set('pcall', redisPcall);
  // EVAL's error handler is a global too; scripts only see it.
  if (options.errorHandler !== false) {
    const handler: LuaFunction = (args) => args;
    globals.set('__redis__err__handler', handler);
  }
  for (let entry = globals.next(undefined); entry !== undefined; entry = globals.next(entry[0])) {
    if (entry[1] instanceof LuaTable && entry[1] !== globals) entry[1].readonly = true;
  }
  guardMissing(globals);
  return {
    globals,
    random,
    setGlobal(name, value) {
      globals.readonly = false;
      globals.set(name, value);
      globals.readonly = true;
    },
  };
}

/**
 * Makes `table` read-only, with Redis's error for reading a field it does
 * not have ("Script attempted to access nonexistent global variable 'x'",
 * whatever the table: Redis uses the one metatable for globals and for
 * the API tables of a function library's load).
 */
export function guardMissing(table: LuaTable): void {
  const guard = new LuaTable();
  const missing: LuaFunction = (args) => {
    throw new LuaError(
      `Script attempted to access nonexistent global variable '${String(args[1])}'`,
      1,
    );
  };
  guard.set('__index', missing);
  guard.readonly = true;
  table.metatable = guard;
  table.readonly = true;
}
