/**
 * MULTI's state for one session: the commands queued until EXEC, and
 * whether queueing one of them failed (Redis's `CLIENT_DIRTY_EXEC`), in
 * which case EXEC discards the transaction with EXECABORT.
 *
 * The dispatcher queues commands (dispatch.ts) and EXEC runs them
 * (commands/exec.ts). The queue is bounded: the bytes of the queued
 * arguments, plus an allowance per command and per argument for the
 * objects that hold them, may not pass `limit` (the server uses its
 * `client-query-buffer-limit`). A command that would pass it is refused
 * with an error and dooms the transaction, like any other queueing error,
 * and what was queued is freed at once: it can never run.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { Command } from './command.js';
import type { InvocationFlags } from './invocation-flags.js';

/** A command waiting in a transaction, with its own copy of its arguments. */
export interface QueuedCommand {
  readonly command: Command;
  readonly args: RequestArgs;
}

// What a queued command costs beyond its argument bytes: the object and
// array holding it, and the offsets of each argument (rounded up from
// V8's sizes, so the bound errs on the safe side).
const COMMAND_OVERHEAD = 96;
const ARGUMENT_OVERHEAD = 16;

export class Transaction {
  /** The most bytes the queue may hold (see the module comment). */
  readonly limit: number;
  #queued: QueuedCommand[] = [];
  #bytes = 0;
  #aborted = false;
  #write = false;
  #mayReplicate = false;
  #readonly = false;
  #denyoom = false;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Commands queued so far (CLIENT LIST's `multi=`). */
  get length(): number {
    return this.#queued.length;
  }

  /**
   * What the queued commands hold, as the limit counts it: their argument
   * bytes and the allowances (CLIENT LIST's `multi-mem`).
   */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether queueing failed: EXEC replies EXECABORT and runs nothing. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /**
   * What EXEC of the queued commands may do: the union of their flags as
   * they were queued (Redis's mstate.cmd_flags), for the checks made on
   * EXEC itself (CLIENT PAUSE WRITE, MISCONF, a monitor's refusal, OOM).
   */
  get flags(): InvocationFlags {
    return {
      write: this.#write,
      mayReplicate: this.#mayReplicate,
      readonly: this.#readonly,
      denyoom: this.#denyoom,
    };
  }

  /** The queued commands, in order. */
  get queued(): readonly QueuedCommand[] {
    return this.#queued;
  }

  /**
   * Marks the transaction failed (an error while queueing). What was
   * queued stays until EXEC or DISCARD (CLIENT LIST's `multi=` and
   * `multi-mem` still count it), and commands queued afterwards are
   * answered QUEUED but not kept, as in Redis 7.0.
   */
  abort(): void {
    this.#aborted = true;
  }

  /**
   * Queues a copy of `args`, which may do what `flags` says. Returns false,
   * and aborts the transaction, when it would pass the limit; the caller
   * replies with the error.
   */
  queue(command: Command, args: RequestArgs, flags: InvocationFlags): boolean {
    if (this.#aborted) return true;
    let bytes = COMMAND_OVERHEAD;
    for (let i = 0; i < args.length; i++) bytes += args.byteLength(i) + ARGUMENT_OVERHEAD;
    if (this.#bytes + bytes > this.limit) {
      // Past the bound, what was queued is freed at once: it can never run.
      this.abort();
      this.#queued = [];
      this.#bytes = 0;
      return false;
    }
    this.#bytes += bytes;
    this.#queued.push({ command, args: args.clone() });
    this.#write ||= flags.write;
    this.#mayReplicate ||= flags.mayReplicate;
    this.#readonly ||= flags.readonly;
    this.#denyoom ||= flags.denyoom;
    return true;
  }
}
