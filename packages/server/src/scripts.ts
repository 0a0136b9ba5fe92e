/**
 * Lua scripting as Redis 7.0 does it (EVAL, EVALSHA, their _RO forms and
 * SCRIPT): the script cache, the `redis` library a script calls Redis
 * with, and the conversions between Redis replies and Lua values in both
 * directions. The interpreter itself (Lua 5.1) is under lua/.
 *
 * A script runs synchronously, so it is atomic, as in Redis: nothing else
 * runs until it ends. Its commands run as the server's script client
 * (Redis's "lua" client): a session of its own, whose database starts as
 * the caller's, so a SELECT inside a script does not change the caller's.
 * Time stands still in a script (one clock for all its commands).
 *
 * Redis lets a script run past busy-reply-threshold and answers others
 * BUSY until SCRIPT KILL; here nothing else can run while the script
 * does, so a script is stopped when it passes the threshold (its writes
 * so far stay, as after Redis's SHUTDOWN NOSAVE would not): the reply is
 * an error that says so.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  type Frame,
  FrameDecoder,
  type ReplyEncoder,
  RequestArgs,
  splitInlineArgs,
} from '@mini-redis/resp';
import { logRefusal, noPermissionInScript } from './acl/refusals.js';
import type { Command, CommandContext } from './command.js';
import { runCommand } from './dispatch.js';
import { CommandError, replyBytes } from './errors.js';
import { hasFlag } from './internal/command-keys.js';
import { CountedReplyEncoder } from './internal/counted-reply.js';
import { OOM_ERROR } from './key-eviction.js';
import { callStack, ScriptTimeout } from './lua/call-stack.js';
import { chunkName } from './lua/chunk-name.js';
import { compileChunk } from './lua/compiler.js';
import { toInt } from './lua/lib/args.js';
import { parseChunk } from './lua/parser.js';
import { createSandbox, type Sandbox } from './lua/sandbox.js';
import { LuaTable } from './lua/table.js';
import {
  formatG,
  LuaError,
  type LuaFunction,
  numberToString,
  rawToString,
  toNumber,
} from './lua/value.js';
import { MISCONF } from './persistence.js';
import { Session } from './session.js';

/** A compiled script in the cache. */
interface CachedScript {
  readonly sha: string;
  readonly body: string;
  readonly run: LuaFunction;
  /** The script's flags from its shebang; null without one (Redis's EVAL compatibility mode). */
  readonly flags: ScriptFlags | null;
  /** Loaded by EVAL (evicted oldest first past EVAL_CACHE_LIMIT), not SCRIPT LOAD. */
  fromEval: boolean;
}

/** How many scripts EVAL keeps (Redis 7.4 keeps 500 too; SCRIPT LOAD's are kept until SCRIPT FLUSH). */
const EVAL_CACHE_LIMIT = 500;
/** How deep a reply table may nest (Redis stops at its Lua stack's limit). */
const MAX_REPLY_DEPTH = 1000;
/** The flags a script's shebang or a function's registration may give, in Redis's order. */
export const SCRIPT_FLAGS = [
  'no-writes',
  'allow-oom',
  'allow-stale',
  'no-cluster',
  'allow-cross-slot-keys',
] as const;

/**
 * A script's or a function's flags. Of these `no-writes` and `allow-oom`
 * change something here (no replication or cluster to allow).
 */
export type ScriptFlags = ReadonlySet<(typeof SCRIPT_FLAGS)[number]>;

/** What runs: an EVAL script (by SHA1) or a function (by name), for the error messages. */
export interface RunTarget {
  /** The SHA1 or the function's name ("script: <name>" in an error). */
  readonly name: string;
  /** The chunk name errors show: user_script or user_function. */
  readonly source: 'user_script' | 'user_function';
  /** The flags, or null for an EVAL script without a shebang. */
  readonly flags: ScriptFlags | null;
}

/** The SHA1 of a script's bytes (Latin-1 string) in lower-case hex. */
export function sha1hex(body: string): string {
  return createHash('sha1').update(body, 'latin1').digest('hex');
}

// An error a redis.* function raises: a table with `err`, as Redis's luaError.
/** EVAL's scripts are loaded as the chunk "@user_script". */
const USER_SCRIPT = chunkName('@user_script');

function redisError(message: string): LuaError {
  return new LuaError(errorTable(message, false));
}

/**
 * Redis's error table: { err = text }, and, for an error from a command
 * (or from the checks before it runs), ignore_error_stats_update = true,
 * added second as Redis adds it (its place in the table's layout shows in
 * pairs order).
 */
function errorTable(text: string, fromCommand: boolean): LuaTable {
  const table = new LuaTable();
  table.set('err', text);
  if (fromCommand) table.set('ignore_error_stats_update', true);
  return table;
}

/**
 * luaArgsToRedisArgv: a redis.call's arguments as one request, strings
 * as they are and numbers as Redis writes them (%.17g, an integer as
 * itself), all in one buffer as a request read off a socket; or the
 * error text for no arguments or one of another type.
 */
function requestOf(args: unknown[]): RequestArgs | string {
  if (args.length === 0) return 'ERR Please specify at least one argument for this redis lib call';
  const texts: string[] = [];
  let total = 0;
  for (const arg of args) {
    let text: string;
    if (typeof arg === 'string') text = arg;
    else if (typeof arg === 'number')
      text = Number.isSafeInteger(arg) && !Object.is(arg, -0) ? String(arg) : formatG(arg, 17);
    else return 'ERR Lua redis lib command arguments must be strings or integers';
    texts.push(text);
    total += text.length;
  }
  const whole = Buffer.allocUnsafe(total);
  const request = new RequestArgs();
  request._setBase(whole);
  let at = 0;
  for (const text of texts) {
    whole.write(text, at, 'latin1');
    request._pushLocal(at, at + text.length);
    at += text.length;
  }
  return request;
}

/**
 * Redis's lookupCommand for a script: the command named first, and, for
 * a container given a subcommand, the subcommand as a command of its own
 * (its arity and its full name, "config|get"); undefined for an unknown
 * command or subcommand.
 */
function lookupCommand(
  commands: ReadonlyMap<string, Command>,
  request: RequestArgs,
  count: number,
): { command: Command; arity: number; fullName: string } | undefined {
  const command = commands.get(request.latin1(0).toLowerCase());
  if (command === undefined) return undefined;
  if (command.subcommands === undefined || count < 2)
    return { command, arity: command.arity, fullName: command.name };
  const subcommand = request.latin1(1).toLowerCase();
  const arity = command.subcommands.get(subcommand);
  if (arity === undefined) return undefined;
  return { command, arity, fullName: `${command.name}|${subcommand}` };
}

/**
 * luaPushErrorBuff's text: "-CODE message" keeps its code, anything else
 * gets ERR (a "-word" without a space is the message); CR and LF are
 * trimmed from the message's ends.
 */
function errorText(raw: string): string {
  let code = 'ERR';
  let message = raw;
  if (raw.startsWith('-')) {
    const space = raw.indexOf(' ');
    if (space < 0) message = raw.slice(1);
    else {
      code = raw.slice(1, space);
      message = raw.slice(space + 1);
    }
  }
  return `${code} ${message.replace(/^[\r\n]+|[\r\n]+$/g, '')}`;
}

/** The server's scripts: the cache and the engine that runs them. */
export class Scripts {
  readonly #cache = new Map<string, CachedScript>();
  // The same scripts by source: EVAL finds its script without digesting
  // the source again (SHA1 through node:crypto costs microseconds).
  readonly #bySource = new Map<string, CachedScript>();
  // Each command's noscript and write flags, by full name (`client|id`).
  readonly #flags = new Map<string, { noscript: boolean; write: boolean; denyoom: boolean }>();
  readonly #sandbox: Sandbox;
  // The `redis` library scripts and functions call Redis with.
  readonly #redis: LuaTable;
  // What the running script is calling with (set for the run).
  #caller: CommandContext | undefined;
  #client: Session | undefined;
  #readOnly = false;
  // maxmemory (key-eviction.ts): whether the running script declared
  // allow-oom, and whether it has called a write yet. Only its first write
  // may be refused for memory: later ones would leave it half done.
  #allowOom = false;
  #wrote = false;
  #resp: 2 | 3 = 2;
  readonly #frames: Frame[] = [];
  // Reads back what a command wrote; our own encoder's output cannot be malformed.
  // Status and error replies as bytes (Lua strings are byte strings, and
  // an error may quote a client's argument that is not UTF-8).
  readonly #decoder = new FrameDecoder({
    textEncoding: 'latin1',
    onFrame: (frame) => this.#frames.push(frame),
    onError: (error) => {
      throw error;
    },
  });

  constructor() {
    this.#redis = this.#redisLibrary();
    this.#sandbox = createSandbox({ redis: this.#redis });
  }

  /**
   * The globals functions run with (Redis keeps them in a Lua state of
   * their own): the same libraries, `redis` and random generator as
   * EVAL's, without KEYS, ARGV and EVAL's error handler.
   */
  createFunctionSandbox(): Sandbox {
    return createSandbox(
      { redis: this.#redis },
      { random: this.#sandbox.random, errorHandler: false },
    );
  }

  /** Whether a script is running (EVAL cannot nest). */
  get running(): boolean {
    return this.#caller !== undefined;
  }

  /** How many scripts are cached (INFO's number_of_cached_scripts). */
  get size(): number {
    return this.#cache.size;
  }

  /** The cached scripts' source, in bytes (INFO's used_memory_scripts_eval). */
  get sourceBytes(): number {
    let bytes = 0;
    for (const script of this.#cache.values()) bytes += script.body.length;
    return bytes;
  }

  /** Whether `sha` (lower case) is cached. */
  has(sha: string): boolean {
    return this.#cache.has(sha);
  }

  /** Drops every cached script (SCRIPT FLUSH). */
  flush(): void {
    this.#cache.clear();
    this.#bySource.clear();
  }

  /**
   * Compiles and caches `body` (Latin-1), returning its SHA1. A script
   * already cached is not compiled again.
   * @throws CommandError "ERR Error compiling script (new function): ..." for a syntax error, or for a bad shebang.
   */
  load(body: string, fromEval: boolean): CachedScript {
    const known = this.#bySource.get(body);
    if (known !== undefined) {
      if (!fromEval) known.fromEval = false;
      return known;
    }
    const sha = sha1hex(body);
    const flags = parseShebang(body);
    let run: LuaFunction;
    try {
      run = compileChunk(parseChunk(body, 'user_script', true), this.#sandbox.globals, USER_SCRIPT);
    } catch (error) {
      if (error instanceof LuaError)
        throw new CommandError(`ERR Error compiling script (new function): ${String(error.value)}`);
      throw error;
    }
    const script: CachedScript = { sha, body, run, flags, fromEval };
    this.#cache.set(sha, script);
    this.#bySource.set(body, script);
    if (fromEval) this.#evictEvalScripts();
    return script;
  }

  /** The cached script with `sha`, or undefined. */
  get(sha: string): CachedScript | undefined {
    return this.#cache.get(sha.toLowerCase());
  }

  #evictEvalScripts(): void {
    let count = 0;
    for (const script of this.#cache.values()) if (script.fromEval) count++;
    for (const script of this.#cache.values()) {
      if (count <= EVAL_CACHE_LIMIT) break;
      if (script.fromEval) {
        this.#cache.delete(script.sha);
        this.#bySource.delete(script.body);
        count--;
      }
    }
  }

  /**
   * Runs `script` with KEYS and ARGV (Latin-1 strings) for the command in
   * `context`, writing its reply (or its error) to the caller.
   * `readOnly` is EVAL_RO's and EVALSHA_RO's.
   */
  run(
    context: CommandContext,
    script: CachedScript,
    keys: string[],
    argv: string[],
    readOnly: boolean,
  ): void {
    const sandbox = this.#sandbox;
    sandbox.setGlobal('KEYS', arrayTable(keys));
    sandbox.setGlobal('ARGV', arrayTable(argv));
    this.execute(context, script.run, [], readOnly, {
      name: script.sha,
      source: 'user_script',
      flags: script.flags,
    });
  }

  /**
   * Calls `fn` with `args` as a script for the command in `context`, and
   * writes what it returns (or its error) as the reply: the run EVAL and
   * FCALL share. `readOnly` is the _RO commands'.
   */
  execute(
    context: CommandContext,
    fn: LuaFunction,
    args: unknown[],
    readOnly: boolean,
    target: RunTarget,
  ): void {
    const flags = target.flags;
    const noWrites = flags?.has('no-writes') === true;
    const allowOom = flags?.has('allow-oom') === true;
    // A script that declares it may write, and not that it may do so out
    // of memory, does not start while the data is over maxmemory (Redis's
    // scriptPrepareForRun; EVAL of one is refused before that, but not
    // one queued in a transaction before the memory ran out).
    if (
      flags !== null &&
      !noWrites &&
      !allowOom &&
      context.server.config.maxmemory !== 0 &&
      context.db.eviction.outOfMemory
    ) {
      context.reply.error(
        "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'",
      );
      return;
    }
    // A script that declares its flags and may write cannot run from an
    // _RO command at all (scriptPrepareForRun); one without a shebang
    // runs, and only its writes fail.
    if (readOnly && flags !== null && !noWrites) {
      context.reply.error('ERR Can not execute a script with write flag using *_ro command.');
      return;
    }
    const client = this.#scriptClient(context);
    client.db = context.session.db;
    this.#caller = context;
    this.#readOnly = readOnly || noWrites;
    this.#allowOom = allowOom;
    this.#wrote = false;
    this.#resp = 2;
    callStack.depth = 0;
    callStack.steps = 0;
    const threshold = context.server.config['busy-reply-threshold'];
    callStack.deadline = threshold > 0 ? Date.now() + threshold : Number.POSITIVE_INFINITY;
    try {
      const result = fn(args);
      writeReply(context.reply, result[0], this.#resp, 0);
    } catch (error) {
      // Re-raising redis.call's error: counted when the command replied it.
      writeError(context.reply, this.#errorText(error, target, threshold), fromCommand(error));
    } finally {
      this.#caller = undefined;
      callStack.depth = 0;
      callStack.deadline = Number.POSITIVE_INFINITY;
    }
  }

  #errorText(error: unknown, target: RunTarget, threshold: number): string {
    const known = error instanceof LuaError || error instanceof ScriptTimeout;
    const line = known ? error.line : 1;
    // The chunk the innermost Lua function came from, as loaded: a
    // loadstring'd chunk is named by its code ("on return x:1.").
    const source = (known ? error.source : undefined) ?? `@${target.source}`;
    const where = `script: ${target.name}, on ${source}:${line}.`;
    if (error instanceof ScriptTimeout)
      return `ERR Script killed after running for more than busy-reply-threshold (${threshold} ms): nothing else can run while a script does ${where}`;
    return `${luaErrorMessage(error)} ${where}`.replace(/[\r\n]/g, ' ');
  }

  // The script client: a session of the server's own, created once.
  #scriptClient(context: CommandContext): Session {
    if (this.#client === undefined) {
      // Its error replies count in INFO errorstats, as Redis counts its Lua client's.
      const reply = new CountedReplyEncoder(context.server.stats, 2);
      this.#client = new Session(-1, { remote: 'lua', local: '' }, reply, {
        server: context.server,
        db: context.db,
      });
      this.#client.authenticated = true;
      this.#client.script = true;
    }
    return this.#client;
  }

  // redis.call and redis.pcall: runs a command as the script client and
  // converts its reply; an error reply is raised (call) or returned (pcall).
  #call(args: unknown[], raise: boolean): unknown[] {
    const caller = this.#caller!;
    // An error before the command is looked up has no stats field; one
    // from the command, or from the checks on it, has.
    const fail = (message: string, fromCommand = true): unknown[] => {
      const table = errorTable(message, fromCommand);
      if (raise) throw new LuaError(table);
      return [table];
    };
    const request = requestOf(args);
    if (typeof request === 'string') return fail(request, false);
    // A refusal by the checks below is an error reply of the script
    // client's, counted in INFO errorstats, and a rejected call of the
    // command when there is one (Redis's scriptCall).
    const stats = caller.server.stats;
    const refuse = (message: string, refused?: Command): unknown[] => {
      stats.countError(message);
      stats.rejected(refused === undefined ? undefined : stats.commandStats(refused, request));
      return fail(message);
    };
    const found = lookupCommand(caller.server.commands, request, args.length);
    if (found === undefined) return refuse('ERR Unknown Redis command called from script');
    const { command, arity, fullName } = found;
    const count = args.length;
    if ((arity > 0 && count !== arity) || count < -arity)
      return refuse('ERR Wrong number of args calling Redis command from script', command);
    let flags = this.#flags.get(fullName);
    if (flags === undefined) {
      flags = {
        noscript: command.flags.includes('noscript') || hasFlag(fullName, 'noscript'),
        write: command.flags.includes('write') || hasFlag(fullName, 'write'),
        denyoom: command.flags.includes('denyoom') || hasFlag(fullName, 'denyoom'),
      };
      this.#flags.set(fullName, flags);
    }
    if (flags.noscript) return refuse('ERR This Redis command is not allowed from script', command);
    // The ACL of the script's caller, as Redis's scriptVerifyACL, logged
    // with the caller's connection.
    const user = caller.session.user;
    if (!user.unrestricted) {
      const denied = caller.server.acl.check(user, fullName, request);
      if (denied !== undefined) {
        logRefusal(caller.server, caller.session, {
          reason: denied.reason,
          context: 'lua',
          object: denied.reason === 'command' ? fullName : request.latin1(denied.position),
        });
        return refuse(noPermissionInScript(denied), command);
      }
    }
    if (this.#readOnly && flags.write)
      return refuse('ERR Write commands are not allowed from read-only scripts.', command);
    // While snapshots fail, a script's writes fail as a client's would
    // (Redis's scriptVerifyWriteCommandAllow).
    const persistence = caller.db.persistence;
    if (
      flags.write &&
      !persistence.lastBackgroundOk &&
      persistence.refusesWrites(caller.server.config['stop-writes-on-bgsave-error'] === 'yes')
    )
      return refuse(MISCONF, command);
    // Out of memory when the script started: its first write that may
    // grow the data is refused (Redis's scriptVerifyOOM).
    if (
      flags.denyoom &&
      !this.#allowOom &&
      !this.#wrote &&
      caller.server.config.maxmemory !== 0 &&
      caller.db.eviction.outOfMemory
    )
      return refuse(OOM_ERROR, command);
    if (flags.write) this.#wrote = true;
    const client = this.#client!;
    // The script's commands run as the caller's user, as in Redis.
    client.user = user;
    const context = client.context;
    context.keyspace = caller.db.databases[client.db]!;
    context.now = caller.now;
    const encoder = client.reply;
    encoder.protocol = this.#resp;
    runCommand(command, context, request);
    this.#decoder.write(encoder.flush());
    const frame = this.#frames.pop()!;
    this.#frames.length = 0;
    if (frame.type === 'error' || frame.type === 'blob-error') {
      const text = frame.type === 'error' ? frame.value : frame.value.toString('latin1');
      return fail(errorText(`-${text}`));
    }
    return [frameToLua(frame)];
  }

  #redisLibrary(): LuaTable {
    const redis = new LuaTable();
    const define = (name: string, fn: LuaFunction) => redis.set(name, fn);
    define('call', (args) => this.#call(args, true));
    define('pcall', (args) => this.#call(args, false));
    // Wrong arguments make these return an error table, not raise one.
    define('error_reply', (args) => {
      if (args.length !== 1 || typeof args[0] !== 'string')
        return [errorTable('ERR wrong number or type of arguments', false)];
      const text = args[0];
      return [errorTable(errorText(text.startsWith('-') ? text : `-${text}`), false)];
    });
    define('status_reply', (args) => {
      if (args.length !== 1 || typeof args[0] !== 'string')
        return [errorTable('ERR wrong number or type of arguments', false)];
      const table = new LuaTable();
      table.set('ok', args[0]);
      return [table];
    });
    define('sha1hex', (args) => {
      if (args.length !== 1) throw redisError('ERR wrong number of arguments');
      const value = args[0];
      return [
        sha1hex(
          typeof value === 'number'
            ? numberToString(value)
            : typeof value === 'string'
              ? value
              : '',
        ),
      ];
    });
    define('log', (args) => {
      if (args.length < 2) throw redisError('ERR redis.log() requires two arguments or more.');
      // lua_isnumber: a numeric string counts; the level is a C int.
      const level = toNumber(args[0]);
      if (level === undefined) throw redisError('ERR First argument must be a number (log level).');
      // Redis's own text (luaLogCommand) says "debug level".
      if (toInt(level) < 0 || toInt(level) > 3) throw redisError('ERR Invalid debug level.');
      return [];
    });
    define('setresp', (args) => {
      if (args.length !== 1) throw redisError('ERR redis.setresp() requires one argument.');
      // `int resp = lua_tonumber(...)`: a numeric string counts, a
      // fraction is cut (2.5 is 2), anything else is 0.
      const resp = toInt(toNumber(args[0]) ?? 0);
      if (resp !== 2 && resp !== 3) throw redisError('ERR RESP version must be 2 or 3.');
      this.#resp = resp;
      return [];
    });
    define('set_repl', (args) => {
      if (args.length !== 1) throw redisError('ERR redis.set_repl() requires two arguments.');
      const flags = toInt(toNumber(args[0]) ?? 0);
      if ((flags & ~3) !== 0)
        throw redisError(
          'ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.',
        );
      return [];
    });
    define('replicate_commands', () => [true]);
    define('breakpoint', () => [false]);
    define('debug', () => []);
    // Whether the script's caller may run the command with those
    // arguments (keys and channels included), as Redis's
    // ACLCheckAllUserCommandPerm answers it; nothing is run or logged.
    define('acl_check_cmd', (args) => {
      const caller = this.#caller!;
      const request = requestOf(args);
      if (typeof request === 'string') throw redisError(request);
      const found = lookupCommand(caller.server.commands, request, args.length);
      if (found === undefined)
        throw redisError('ERR Invalid command passed to redis.acl_check_cmd()');
      const user = caller.session.user;
      if (user.unrestricted) return [true];
      return [caller.server.acl.check(user, found.fullName, request) === undefined];
    });
    redis.set('REDIS_VERSION', '7.0.15');
    redis.set('REDIS_VERSION_NUM', 0x07000f);
    redis.set('LOG_DEBUG', 0);
    redis.set('LOG_VERBOSE', 1);
    redis.set('LOG_NOTICE', 2);
    redis.set('LOG_WARNING', 3);
    redis.set('REPL_NONE', 0);
    redis.set('REPL_AOF', 1);
    redis.set('REPL_SLAVE', 2);
    redis.set('REPL_REPLICA', 2);
    redis.set('REPL_ALL', 3);
    return redis;
  }
}

// KEYS and ARGV, made as Redis's luaCreateArray makes them.
function arrayTable(values: string[]): LuaTable {
  const table = new LuaTable(values.length, 0);
  for (let i = 0; i < values.length; i++) table.set(i + 1, values[i]);
  return table;
}

// Whether `error` is the error table of a command's error reply (raised
// by redis.call, or returned by redis.pcall and raised again).
function fromCommand(error: unknown): boolean {
  return (
    error instanceof LuaError &&
    error.value instanceof LuaTable &&
    error.value.get('ignore_error_stats_update') === true
  );
}

// A script's error reply: one from a command was counted in INFO
// errorstats when the command replied it, so it is not counted again
// (Redis's ERR_REPLY_FLAG_NO_STATS_UPDATE); it still fails EVAL or FCALL.
// The message is a Lua string, bytes one character each (replyBytes).
function writeError(reply: ReplyEncoder, message: string, uncounted: boolean): void {
  const bytes = replyBytes(message);
  if (uncounted && reply instanceof CountedReplyEncoder) reply.uncountedError(bytes);
  else reply.error(bytes);
}

/**
 * The message of an error a script raised, as Redis's
 * luaExtractErrorInformation gives it: an error table's `err`, or "ERR "
 * and the value; a JavaScript stack overflow is Lua's "stack overflow".
 * @throws what it is given when that is not a script's error.
 */
export function luaErrorMessage(error: unknown): string {
  if (error instanceof LuaError) {
    const value = error.value;
    const err = value instanceof LuaTable ? value.get('err') : undefined;
    return typeof err === 'string' ? err : `ERR ${rawToString(value)}`;
  }
  if (error instanceof RangeError)
    return /call stack/i.test(error.message) ? 'ERR stack overflow' : 'ERR not enough memory';
  throw error;
}

/**
 * A script's shebang line (`#!lua flags=...`): its flags, or null without
 * one. Read as Redis's evalExtractShebangFlags reads it: the line up to
 * the first newline of the C string (a NUL before it hides it), split as
 * sdssplitargs splits (any whitespace, quotes allowed), then each
 * `flags=` list split at its commas (an empty name between two is an
 * unknown flag; an empty list is no flag).
 * @throws CommandError, with Redis's text, for a missing newline, an
 * unreadable line, an engine other than lua, an unknown option or flag.
 */
export function parseShebang(body: string): ScriptFlags | null {
  if (!body.startsWith('#!')) return null;
  const end = body.indexOf('\n');
  const nul = body.indexOf('\0');
  if (end < 0 || (nul >= 0 && nul < end)) throw new CommandError('ERR Invalid script shebang');
  const parts = splitInlineArgs(Buffer.from(body.slice(0, end), 'latin1'));
  if (parts === null || parts.length === 0)
    throw new CommandError('ERR Invalid engine in script shebang');
  const [engine, ...options] = parts.map((part) => part.toString('latin1'));
  if (engine !== '#!lua')
    throw new CommandError(`ERR Unexpected engine in script shebang: ${engine}`);
  const flags = new Set<(typeof SCRIPT_FLAGS)[number]>();
  for (const option of options) {
    if (!option.startsWith('flags='))
      throw new CommandError(`ERR Unknown lua shebang option: ${option}`);
    const list = option.slice(6);
    for (const flag of list === '' ? [] : list.split(',')) {
      const known = SCRIPT_FLAGS.find((name) => name === flag);
      if (known === undefined)
        throw new CommandError(`ERR Unexpected flag in script shebang: ${flag}`);
      flags.add(known);
    }
  }
  return flags;
}

/** A reply frame as a Lua value, as Redis's redisProtocolToLuaType. */
function frameToLua(frame: Frame): unknown {
  const tagged = (key: string, value: unknown) => {
    const table = new LuaTable();
    table.set(key, value);
    return table;
  };
  switch (frame.type) {
    case 'integer':
      return Number(frame.value);
    case 'bulk':
      return frame.value.toString('latin1');
    case 'null-bulk':
    case 'null-array':
      return false;
    case 'null':
      return undefined;
    case 'simple':
      return tagged('ok', frame.value);
    case 'error':
      return errorTable(errorText(`-${frame.value}`), true);
    case 'blob-error':
      return errorTable(errorText(`-${frame.value.toString('latin1')}`), true);
    case 'boolean':
      return frame.value;
    case 'double':
      return tagged('double', frame.value);
    case 'bignum':
      return tagged('big_number', frame.value.toString());
    case 'verbatim': {
      const inner = new LuaTable();
      inner.set('format', frame.format);
      inner.set('string', frame.value.toString('latin1'));
      return tagged('verbatim_string', inner);
    }
    case 'array':
    case 'push': {
      // As Redis builds it: an empty table, filled in order.
      const table = new LuaTable();
      for (let i = 0; i < frame.value.length; i++) table.set(i + 1, frameToLua(frame.value[i]!));
      return table;
    }
    case 'map': {
      const inner = new LuaTable();
      for (const [key, value] of frame.value) inner.set(frameToLua(key), frameToLua(value));
      return tagged('map', inner);
    }
    case 'set': {
      const inner = new LuaTable();
      for (const item of frame.value) inner.set(frameToLua(item), true);
      return tagged('set', inner);
    }
    case 'attribute':
      return frameToLua(frame.value);
  }
}

/** Writes a script's result as Redis's luaReplyToRedisReply does. */
function writeReply(reply: ReplyEncoder, value: unknown, resp: 2 | 3, depth: number): void {
  if (depth > MAX_REPLY_DEPTH) {
    reply.error('ERR reached lua stack limit');
    return;
  }
  switch (typeof value) {
    case 'string':
      reply.bulk(Buffer.from(value, 'latin1'));
      return;
    case 'boolean':
      if (resp === 3) reply.boolean(value);
      else if (value) reply.integer(1);
      else reply.null();
      return;
    case 'number':
      // C's cast to long long: out of range (or NaN) gives INT64_MIN on x86.
      reply.integer(Math.abs(value) < 2 ** 63 ? Math.trunc(value) : -9223372036854775808n);
      return;
    default:
      if (!(value instanceof LuaTable)) {
        reply.null();
        return;
      }
  }
  const table = value as LuaTable;
  const err = table.get('err');
  if (typeof err === 'string') {
    writeError(reply, err.replace(/[\r\n]/g, ' '), table.get('ignore_error_stats_update') === true);
    return;
  }
  const ok = table.get('ok');
  if (typeof ok === 'string') {
    reply.simple(replyBytes(ok.replace(/[\r\n]/g, ' ')));
    return;
  }
  const double = table.get('double');
  if (typeof double === 'number') {
    reply.double(double, formatG(double, 17));
    return;
  }
  const big = table.get('big_number');
  if (typeof big === 'string') {
    // RESP3 has a type for it (when the text is a number); RESP2 a bulk string.
    if (reply.protocol === 3 && /^-?\d+$/.test(big)) reply.bigNumber(BigInt(big));
    else reply.bulk(Buffer.from(big, 'latin1'));
    return;
  }
  const map = table.get('map');
  if (map instanceof LuaTable) {
    const entries: [unknown, unknown][] = [];
    for (let entry = map.next(undefined); entry !== undefined; entry = map.next(entry[0]))
      entries.push(entry);
    reply.mapHeader(entries.length);
    for (const [k, v] of entries) {
      writeReply(reply, k, resp, depth + 1);
      writeReply(reply, v, resp, depth + 1);
    }
    return;
  }
  const set = table.get('set');
  if (set instanceof LuaTable) {
    const keys: unknown[] = [];
    for (let entry = set.next(undefined); entry !== undefined; entry = set.next(entry[0]))
      keys.push(entry[0]);
    reply.setHeader(keys.length);
    for (const k of keys) writeReply(reply, k, resp, depth + 1);
    return;
  }
  const verbatim = table.get('verbatim_string');
  if (verbatim instanceof LuaTable) {
    const format = verbatim.get('format');
    const text = verbatim.get('string');
    if (typeof format === 'string' && typeof text === 'string') {
      reply.verbatim(format, Buffer.from(text, 'latin1'));
      return;
    }
  }
  // An array: up to the first nil.
  let n = 0;
  while (table.get(n + 1) !== undefined) n++;
  reply.arrayHeader(n);
  for (let i = 1; i <= n; i++) writeReply(reply, table.get(i), resp, depth + 1);
}
