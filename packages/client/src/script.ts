/**
 * Lua scripts run by digest: `new Script(source)` once, `script.run(client,
 * keys, args)` wherever it is needed, as ioredis's `defineCommand` and
 * node-redis's `scripts` do it.
 *
 * A script goes out as EVALSHA with its SHA1 digest, so the source crosses
 * the network only when the server does not have it cached: then the
 * server answers `NOSCRIPT` without running anything, and the script is
 * sent whole with EVAL (which also caches it). A server forgets its cache
 * on SCRIPT FLUSH and on restart; so the fallback is taken per call, never
 * remembered. Any other reply, an error included, is the script's outcome
 * and is never followed by a second attempt: nothing that may have run is
 * run twice.
 *
 * Works on anything with `command()`: a client handle, a pool, a lease, a
 * direct `connect()` client, against Redis or @mini-redis/server.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import { type CommandArg, type Reply, ReplyError } from '@mini-redis/resp';
import type { CommandOptions } from './commands.js';

/** Where a script can run: a client handle, a pool, a lease's client, a direct client. */
export interface ScriptTarget {
  command(args: readonly CommandArg[], options?: CommandOptions): Promise<Reply>;
}

/** Where a script can run with its bulk strings coming back as Buffers: a client handle, a lease's client. */
export interface BufferScriptTarget {
  commandBuffer(args: readonly CommandArg[], options?: CommandOptions): Promise<Reply>;
}

/** Options of `Script`. */
export interface ScriptOptions {
  /**
   * Run with EVALSHA_RO and EVAL_RO (Redis 7): the server refuses any
   * write the script attempts, and a replica accepts it. Default false.
   */
  readonly readOnly?: boolean;
}

/** A Lua script, run by its digest (see the module comment). */
export class Script {
  /** The Lua source, as given. */
  readonly source: string;
  /** Its SHA1 digest in lowercase hex, as SCRIPT LOAD returns it. */
  readonly sha1: string;
  /** Whether it runs with the read-only commands. */
  readonly readOnly: boolean;

  /** @throws TypeError when `source` is not a string. */
  constructor(source: string, options: ScriptOptions = {}) {
    if (typeof source !== 'string')
      throw new TypeError(`Expected a Lua script's source as a string, got ${typeof source}`);
    this.source = source;
    // Redis digests the source's bytes as the command carries them: UTF-8.
    this.sha1 = createHash('sha1').update(source, 'utf8').digest('hex');
    this.readOnly = options.readOnly === true;
  }

  /**
   * Runs the script with `keys` (KEYS) and `args` (ARGV); resolves its
   * reply, as `command()` gives it.
   *
   * `options` (a signal, a timeout) apply to each of the at most two
   * commands: aborted while EVALSHA is refused with NOSCRIPT, EVAL is not
   * sent.
   *
   * @throws ReplyError (as a rejection) for the script's own error (a
   *   runtime error, a refused write, `BUSY`...) and for the server's
   *   (`NOSCRIPT` never: it is answered with EVAL); what `command()` throws
   *   otherwise.
   */
  run(
    target: ScriptTarget,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.#run((command) => target.command(command, options), keys, args);
  }

  /** `run`, with the reply's bulk strings as Buffers. */
  runBuffer(
    target: BufferScriptTarget,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.#run((command) => target.commandBuffer(command, options), keys, args);
  }

  /**
   * The arguments of EVAL (or EVAL_RO) for this script: for a `pipeline()`
   * or `multi()` batch, whose replies arrive together, too late to answer
   * a NOSCRIPT.
   */
  evalArgs(keys: readonly CommandArg[] = [], args: readonly CommandArg[] = []): CommandArg[] {
    return [this.readOnly ? 'EVAL_RO' : 'EVAL', this.source, keys.length, ...keys, ...args];
  }

  async #run(
    send: (command: readonly CommandArg[]) => Promise<Reply>,
    keys: readonly CommandArg[],
    args: readonly CommandArg[],
  ): Promise<Reply> {
    const bySha = [
      this.readOnly ? 'EVALSHA_RO' : 'EVALSHA',
      this.sha1,
      keys.length,
      ...keys,
      ...args,
    ];
    try {
      return await send(bySha);
    } catch (error) {
      // NOSCRIPT: the server ran nothing; anything else is the outcome.
      if (!(ReplyError.is(error) && error.code === 'NOSCRIPT')) throw error;
    }
    return send(this.evalArgs(keys, args));
  }
}
