/**
 * Redis 7's functions (FUNCTION LOAD, FCALL): libraries of Lua functions
 * that live in the server, by name, instead of being sent with every
 * call as EVAL's scripts are.
 *
 * A library's code starts with its metadata (`#!lua name=mylib`); loading
 * runs the code once, and it registers its functions with
 * `redis.register_function`. While it loads, the code sees nothing but a
 * small `redis` table (register_function, log and the version); its
 * functions, when FCALL calls them, see what EVAL's scripts see, without
 * KEYS and ARGV: they get the keys and the arguments as their two
 * parameters. As in Redis, the globals of every library are one read-only
 * table whose metatable's `__index` is switched between the two views, so
 * a library keeps state only in its own locals.
 *
 * Running a function is the scripts' engine's (scripts.ts): the same
 * script client, `redis.call`, reply conversions and error texts, with the
 * function's name and `@user_function` in them.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { splitInlineArgs } from '@mini-redis/resp';
import { CommandError } from './errors.js';
import { globMatch } from './internal/glob.js';
import { callStack, ScriptTimeout } from './lua/call-stack.js';
import { chunkName } from './lua/chunk-name.js';
import { compileChunk } from './lua/compiler.js';
import { parseChunk } from './lua/parser.js';
import { guardMissing, type Sandbox } from './lua/sandbox.js';
import { LuaTable } from './lua/table.js';
import { LuaError, type LuaFunction, numberToString } from './lua/value.js';
import { luaErrorMessage, SCRIPT_FLAGS, type ScriptFlags, type Scripts } from './scripts.js';

/** A function a library registered. */
export interface RegisteredFunction {
  /** As registered (FCALL finds it whatever its case). */
  readonly name: string;
  readonly description: string | null;
  readonly flags: ScriptFlags;
  readonly callback: LuaFunction;
  readonly library: Library;
}

/** A loaded library. */
export interface Library {
  readonly name: string;
  /** The code as FUNCTION LOAD got it, metadata line included. */
  readonly code: string;
  /** By name (case-sensitive), in the order they were registered. */
  readonly functions: Map<string, RegisteredFunction>;
}

// The Lua side of the functions, built on the first FUNCTION LOAD.
interface EngineState {
  /** The globals functions see when FCALL runs them. */
  readonly sandbox: Sandbox;
  /** The table every library is compiled against: empty, read-only, reading through `view`. */
  readonly globals: LuaTable;
  /** The metatable of `globals`, whose __index is the sandbox's globals or `loadApi`. */
  readonly view: LuaTable;
  /** What a library's code sees while it loads. */
  readonly loadApi: LuaTable;
}

/** A library's code is loaded as the chunk "@user_function". */
const USER_FUNCTION = chunkName('@user_function');

/** How long a library's code may run while it loads (Redis's LOAD_TIMEOUT_MS). */
const LOAD_TIMEOUT_MS = 500;

// A name Redis accepts for a library or a function: [A-Za-z0-9_]+.
const VALID_NAME = /^[A-Za-z0-9_]+$/;

// Redis's luaPushError for a message without a code: an error table, "ERR ..." in it.
function apiError(message: string): LuaError {
  const table = new LuaTable();
  table.set('err', `ERR ${message}`);
  return new LuaError(table);
}

// C's tolower: ASCII letters only.
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

// Redis's luaGetStringSds: a string, or a number as Lua writes it; undefined otherwise.
function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  return undefined;
}

/** The server's function libraries. */
export class Functions {
  readonly #scripts: Scripts;
  readonly #libraries = new Map<string, Library>();
  // Every library's functions, by lower-case name (FCALL ignores case).
  readonly #functions = new Map<string, RegisteredFunction>();
  // Built on the first FUNCTION LOAD: the globals functions run with, the
  // table every library is compiled against and its metatable, and what
  // loading code sees.
  #engine: EngineState | undefined;
  // The library whose code is running in FUNCTION LOAD.
  #loading: Library | null = null;

  constructor(scripts: Scripts) {
    this.#scripts = scripts;
  }

  /** The function FCALL names (any case), or undefined. */
  get(name: string): RegisteredFunction | undefined {
    return this.#functions.get(name.toLowerCase());
  }

  /** The libraries, in the order they were loaded. */
  get libraries(): IterableIterator<Library> {
    return this.#libraries.values();
  }

  /** How many libraries there are (FUNCTION STATS). */
  get libraryCount(): number {
    return this.#libraries.size;
  }

  /** How many functions FCALL can call (FUNCTION STATS, INFO's number_of_functions). */
  get functionCount(): number {
    return this.#functions.size;
  }

  /** The libraries' code and names, in bytes (INFO's used_memory_functions). */
  get codeBytes(): number {
    let bytes = 0;
    for (const library of this.#libraries.values()) {
      bytes += library.code.length + library.name.length;
      for (const fn of library.functions.values())
        bytes += fn.name.length + (fn.description?.length ?? 0);
    }
    return bytes;
  }

  /**
   * The libraries whose names match the glob `pattern` in any case (FUNCTION
   * LIST LIBRARYNAME), or all of them.
   */
  list(pattern: string | undefined): Library[] {
    const all = [...this.#libraries.values()];
    if (pattern === undefined) return all;
    const lower = asciiLower(pattern);
    return all.filter((library) => globMatch(lower, asciiLower(library.name)));
  }

  /**
   * FUNCTION LOAD: compiles `code` (Latin-1) and runs it to register its
   * functions; replaces a library of the same name when `replace`.
   * Returns the library's name. Nothing changes when it fails.
   * @throws CommandError with Redis's text: the metadata, the names, a
   *   compile error, an error while registering, no function registered,
   *   or a function name another library has.
   */
  load(code: string, replace: boolean): string {
    const library = this.#prepare(code, (name) => {
      if (this.#libraries.has(name) && !replace)
        throw new CommandError(`ERR Library '${name}' already exists`);
    });
    this.#join([library], replace);
    return library.name;
  }

  /**
   * Adds `libraries` (FUNCTION LOAD, FUNCTION RESTORE's APPEND and
   * REPLACE): a library of the same name is an error, or is replaced when
   * `replace`; a function whose name another library has is an error
   * either way. All or nothing.
   */
  #join(libraries: readonly Library[], replace: boolean): void {
    const replaced = new Set<Library>();
    for (const library of libraries) {
      const old = this.#libraries.get(library.name);
      if (old === undefined) continue;
      if (!replace) throw new CommandError(`ERR Library ${library.name} already exists`);
      replaced.add(old);
    }
    const incoming = new Set<string>();
    for (const library of libraries) {
      for (const fn of library.functions.values()) {
        const key = fn.name.toLowerCase();
        const existing = this.#functions.get(key);
        if ((existing !== undefined && !replaced.has(existing.library)) || incoming.has(key))
          throw new CommandError(`ERR Function ${fn.name} already exists`);
        incoming.add(key);
      }
    }
    for (const old of replaced) this.#unlink(old);
    for (const library of libraries) this.#link(library);
  }

  /**
   * FUNCTION RESTORE: loads every library in `codes` (each as FUNCTION
   * LOAD would, into a set of its own first), then applies `policy`:
   * FLUSH replaces everything, APPEND fails on a library that exists,
   * REPLACE replaces it. All or nothing.
   */
  restore(codes: Iterable<string>, policy: 'flush' | 'append' | 'replace'): void {
    const libraries: Library[] = [];
    const names = new Set<string>();
    const functionNames = new Set<string>();
    for (const code of codes) {
      const library = this.#prepare(code, (name) => {
        if (names.has(name)) throw new CommandError(`ERR Library '${name}' already exists`);
      });
      for (const fn of library.functions.values()) {
        if (functionNames.has(fn.name.toLowerCase()))
          throw new CommandError(`ERR Function ${fn.name} already exists`);
      }
      for (const fn of library.functions.values()) functionNames.add(fn.name.toLowerCase());
      names.add(library.name);
      libraries.push(library);
    }
    if (policy === 'flush') {
      this.flush();
      for (const library of libraries) this.#link(library);
      return;
    }
    this.#join(libraries, policy === 'replace');
  }

  /**
   * FUNCTION DELETE: drops the library `name` and its functions.
   * @throws CommandError "ERR Library not found".
   */
  delete(name: string): void {
    const library = this.#libraries.get(name);
    if (library === undefined) throw new CommandError('ERR Library not found');
    this.#unlink(library);
  }

  /** FUNCTION FLUSH: drops every library. */
  flush(): void {
    this.#libraries.clear();
    this.#functions.clear();
  }

  #link(library: Library): void {
    this.#libraries.set(library.name, library);
    for (const fn of library.functions.values()) {
      // Two functions of one library whose names differ only in case:
      // the first is the one FCALL finds (Redis keeps whichever its
      // dictionary meets first).
      const key = fn.name.toLowerCase();
      if (!this.#functions.has(key)) this.#functions.set(key, fn);
    }
  }

  #unlink(library: Library): void {
    this.#libraries.delete(library.name);
    for (const fn of library.functions.values()) {
      const key = fn.name.toLowerCase();
      if (this.#functions.get(key) === fn) this.#functions.delete(key);
    }
  }

  // Reads the metadata, checks the names (and, through `check`, the
  // library's name against what it would join), compiles and loads the
  // code: a library not yet linked.
  #prepare(code: string, check: (name: string) => void): Library {
    const { engine, name, body } = readMetadata(code);
    if (!VALID_NAME.test(name))
      throw new CommandError(
        'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
      );
    if (engine.toUpperCase() !== 'LUA') throw new CommandError(`ERR Engine '${engine}' not found`);
    check(name);
    const library: Library = { name, code, functions: new Map() };
    this.#run(library, body);
    if (library.functions.size === 0) throw new CommandError('ERR No functions registered');
    return library;
  }

  // Compiles `body` and runs it with the load view of the globals, so
  // that it registers its functions into `library`.
  #run(library: Library, body: string): void {
    const engine = this.#engineState();
    let chunk: LuaFunction;
    try {
      chunk = compileChunk(parseChunk(body, 'user_function'), engine.globals, USER_FUNCTION);
    } catch (error) {
      if (error instanceof LuaError)
        throw new CommandError(`ERR Error compiling function: ${String(error.value)}`);
      throw error;
    }
    this.#setView(engine.loadApi);
    this.#loading = library;
    callStack.depth = 0;
    callStack.steps = 0;
    callStack.deadline = Date.now() + LOAD_TIMEOUT_MS;
    try {
      chunk([]);
    } catch (error) {
      const message =
        error instanceof ScriptTimeout ? 'ERR FUNCTION LOAD timeout' : luaErrorMessage(error);
      throw new CommandError(`ERR Error registering functions: ${message}`);
    } finally {
      this.#loading = null;
      this.#setView(engine.sandbox.globals);
      callStack.depth = 0;
      callStack.deadline = Number.POSITIVE_INFINITY;
    }
  }

  // Points the libraries' globals at `table` (Redis swaps the __index of
  // the globals' metatable around a load).
  #setView(table: LuaTable): void {
    const view = this.#engineState().view;
    view.readonly = false;
    view.set('__index', table);
    view.readonly = true;
  }

  #engineState(): EngineState {
    if (this.#engine !== undefined) return this.#engine;
    const sandbox = this.#scripts.createFunctionSandbox();
    const view = new LuaTable();
    view.set('__index', sandbox.globals);
    view.readonly = true;
    const globals = new LuaTable();
    globals.metatable = view;
    globals.readonly = true;
    // What loading code sees: `redis` with register_function, log, the log
    // levels and the version, and nothing else.
    const runtimeRedis = sandbox.globals.get('redis') as LuaTable;
    const redis = new LuaTable();
    const registerFunction: LuaFunction = (args) => {
      this.#register(args);
      return [];
    };
    redis.set('register_function', registerFunction);
    for (const field of [
      'log',
      'LOG_DEBUG',
      'LOG_VERBOSE',
      'LOG_NOTICE',
      'LOG_WARNING',
      'REDIS_VERSION',
      'REDIS_VERSION_NUM',
    ])
      redis.set(field, runtimeRedis.get(field));
    guardMissing(redis);
    const loadApi = new LuaTable();
    loadApi.set('redis', redis);
    guardMissing(loadApi);
    this.#engine = { sandbox, globals, view, loadApi };
    return this.#engine;
  }

  // redis.register_function(name, callback) or
  // redis.register_function{function_name=, callback=, flags=, description=}.
  #register(args: unknown[]): void {
    const library = this.#loading;
    // A function that kept redis.register_function and calls it later.
    if (library === null)
      throw apiError('redis.register_function can only be called on FUNCTION LOAD command');
    if (args.length < 1 || args.length > 2)
      throw apiError('wrong number of arguments to redis.register_function');
    const { name, callback, description, flags } =
      args.length === 1 ? readNamedArgs(args[0]) : readPositionalArgs(args[0], args[1]);
    if (!VALID_NAME.test(name))
      throw apiError(
        'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
      );
    if (library.functions.has(name)) throw apiError('Function already exists in the library');
    library.functions.set(name, { name, description, flags, callback, library });
  }
}

interface Registration {
  name: string;
  callback: LuaFunction;
  description: string | null;
  flags: ScriptFlags;
}

function readPositionalArgs(nameArg: unknown, callbackArg: unknown): Registration {
  const name = stringValue(nameArg);
  if (name === undefined)
    throw apiError('first argument to redis.register_function must be a string');
  if (typeof callbackArg !== 'function')
    throw apiError('second argument to redis.register_function must be a function');
  return { name, callback: callbackArg as LuaFunction, description: null, flags: new Set() };
}

// The named arguments, read in the table's own order (the first bad one
// is the error, as in Redis).
function readNamedArgs(table: unknown): Registration {
  if (!(table instanceof LuaTable))
    throw apiError(
      'calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).',
    );
  let name: string | undefined;
  let callback: LuaFunction | undefined;
  let description: string | null = null;
  let flags: ScriptFlags = new Set();
  for (let entry = table.next(undefined); entry !== undefined; entry = table.next(entry[0])) {
    const [key, value] = entry;
    const keyText = stringValue(key);
    if (keyText === undefined)
      throw apiError('named argument key given to redis.register_function is not a string');
    switch (keyText.toLowerCase()) {
      case 'function_name':
        name = stringValue(value);
        if (name === undefined)
          throw apiError(
            'function_name argument given to redis.register_function must be a string',
          );
        break;
      case 'description': {
        const text = stringValue(value);
        if (text === undefined)
          throw apiError('description argument given to redis.register_function must be a string');
        description = text;
        break;
      }
      case 'callback':
        if (typeof value !== 'function')
          throw apiError('callback argument given to redis.register_function must be a function');
        callback = value as LuaFunction;
        break;
      case 'flags':
        if (!(value instanceof LuaTable))
          throw apiError(
            'flags argument to redis.register_function must be a table representing function flags',
          );
        flags = readFlags(value);
        break;
      default:
        throw apiError('unknown argument given to redis.register_function');
    }
  }
  if (name === undefined)
    throw apiError('redis.register_function must get a function name argument');
  if (callback === undefined)
    throw apiError('redis.register_function must get a callback argument');
  return { name, callback, description, flags };
}

// flags = {"no-writes", ...}: read from 1 up to the first nil, any case.
function readFlags(table: LuaTable): ScriptFlags {
  const flags = new Set<(typeof SCRIPT_FLAGS)[number]>();
  for (let i = 1; ; i++) {
    const value = table.get(i);
    if (value === undefined) return flags;
    const text = stringValue(value)?.toLowerCase();
    const flag = SCRIPT_FLAGS.find((known) => known === text);
    if (flag === undefined) throw apiError('unknown flag given');
    flags.add(flag);
  }
}

/**
 * A library's metadata line, as Redis's functionExtractLibMetaData reads
 * it: `#!<engine> name=<name>`, split as sdssplitargs splits (quotes
 * allowed); the body is the code from that line's end (its newline kept,
 * so line numbers count from the metadata line).
 */
function readMetadata(code: string): { engine: string; name: string; body: string } {
  if (!code.startsWith('#!')) throw new CommandError('ERR Missing library metadata');
  const end = code.indexOf('\n');
  // A C string: a NUL before the line's end ends it.
  const nul = code.indexOf('\0');
  if (end < 0 || (nul >= 0 && nul < end)) throw new CommandError('ERR Invalid library metadata');
  const parts = splitInlineArgs(Buffer.from(code.slice(0, end), 'latin1'));
  if (parts === null || parts.length === 0) throw new CommandError('ERR Invalid library metadata');
  const engine = parts[0]!.toString('latin1').slice(2);
  let name: string | undefined;
  for (const part of parts.slice(1)) {
    const text = part.toString('latin1');
    if (text.slice(0, 5).toLowerCase() === 'name=') {
      if (name !== undefined)
        throw new CommandError(
          'ERR Invalid metadata value, name argument was given multiple times',
        );
      name = text.slice(5);
      continue;
    }
    throw new CommandError(`ERR Invalid metadata value given: ${text}`);
  }
  if (name === undefined) throw new CommandError('ERR Library name was not given');
  return { engine, name, body: code.slice(end) };
}
