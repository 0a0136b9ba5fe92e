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

import { openBase } from './lib/base.js';
import { openBit } from './lib/bit.js';
import { openCjson } from './lib/cjson.js';
import { openCmsgpack } from './lib/cmsgpack.js';
import { Lrand48, openMath } from './lib/math.js';
import { openString } from './lib/string.js';
import { openStruct } from './lib/struct.js';
import { openTable } from './lib/table.js';
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
  // Redis 7's pcall gives an error table's `err` text (what redis.call
  // raises) instead of the table.
  const basePcall = globals.get('pcall') as LuaFunction;
  const pcall: LuaFunction = (args) => {
    const results = basePcall(args);
    if (results[0] === false && results[1] instanceof LuaTable) {
      const err = results[1].get('err');
      if (typeof err === 'string') return [false, err];
    }
    return results;
  };
  globals.set('pcall', pcall);
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
