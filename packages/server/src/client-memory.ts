/**
 * What one connection holds in memory, as Redis's CLIENT LIST reports it
 * (`qbuf`, `argv-mem`, `multi-mem`, `rbs`, `rbp`, `obl`, `oll`, `omem`,
 * `tot-mem`), and the recent peaks INFO's clients section reports
 * (`client_recent_max_input_buffer`, `client_recent_max_output_buffer`).
 * MEMORY STATS's `clients.normal` is the sum of every connection's total,
 * and client eviction (client-eviction.ts) compares that sum with
 * `maxmemory-clients`.
 *
 * The handler knows the connection's buffers (`ConnectionBuffers`, read
 * through `Session#buffers`); the session knows its transaction,
 * subscriptions, watched keys and tracking prefixes. What stands for
 * what:
 * - the query buffer is the input read but not yet run: the decoder's,
 *   and commands CLIENT PAUSE or a block keeps waiting. An argument partly
 *   read counts at the length it announced, as Redis reserves that much
 *   for it when the length arrives (`qbuf-free` is the rest): client
 *   eviction can then act before a large argument has come;
 * - the reply buffer is the encoder's slab (16 KiB to start);
 * - the output is what is unsent, in the encoder and in the socket. Its
 *   first 16 KiB stand for Redis's fixed buffer (`obl`), the rest for its
 *   reply blocks (`omem`, counted in 16 KiB blocks as `oll`), as the
 *   output limits count it (output-limits.ts).
 *
 * The figures for what is not a buffer (a subscription, a watched key)
 * are estimates of what V8 spends on each entry, rounded up.
 *
 * @module
 */

import { UNCOUNTED_OUTPUT } from './output-limits.js';
import type { Session } from './session.js';

/** What the handler knows of a connection's buffers, in bytes. */
export interface ConnectionBuffers {
  /** Input read and not yet run (see the module comment). */
  readonly queryBuffer: number;
  /** The rest of an argument partly read, as its length announced it (see the module comment). */
  readonly awaitedInput: number;
  /** The arguments of the command running, blocked, held, or partly read. */
  readonly argumentBytes: number;
  /** The encoder's slab. */
  readonly replyBufferSize: number;
  /** The largest batch of replies written at once lately (see `RecentPeaks`'s cadence). */
  readonly replyBufferPeak: number;
  /** Output not yet sent: the encoder's pending bytes and the socket's. */
  readonly unsentOutput: number;
  /** The socket holds output it could not send yet (CLIENT LIST's `events=rw`). */
  readonly waitingToWrite: boolean;
}

/** What a connection without a handler (a script's) holds. */
export const NO_BUFFERS: ConnectionBuffers = {
  queryBuffer: 0,
  awaitedInput: 0,
  argumentBytes: 0,
  replyBufferSize: 0,
  replyBufferPeak: 0,
  unsentOutput: 0,
  waitingToWrite: false,
};

/** One connection's memory, CLIENT LIST's buffer fields. */
export interface ClientMemory {
  /** `qbuf`. */
  readonly queryBuffer: number;
  /** `qbuf-free`: the rest of an argument partly read, counted before it comes. */
  readonly queryBufferFree: number;
  /** `argv-mem`. */
  readonly argumentBytes: number;
  /** `multi-mem`: what the queued commands of its transaction hold. */
  readonly transactionBytes: number;
  /** `rbs`. */
  readonly replyBufferSize: number;
  /** `rbp`. */
  readonly replyBufferPeak: number;
  /** `obl`: unsent output within the first 16 KiB. */
  readonly bufferedOutput: number;
  /** `oll`: the unsent output past the first 16 KiB, in 16 KiB blocks. */
  readonly outputBlocks: number;
  /** `omem`: the unsent output past the first 16 KiB (what the output limits measure). */
  readonly outputMemory: number;
  /** `tot-mem`: all of the above that is memory, and the overheads of its other state. */
  readonly total: number;
}

// Estimated bytes per entry, beyond the names' own: a subscription (its
// map entry and broadcast receiver), a watched key (its entry in the
// session's and the keyspace's tables), a tracking prefix.
const SUBSCRIPTION_OVERHEAD = 160;
const WATCHED_KEY_OVERHEAD = 96;
const PREFIX_OVERHEAD = 64;

/** `session`'s memory now. */
export function clientMemory(session: Session): ClientMemory {
  const buffers = session.buffers();
  const unsent = buffers.unsentOutput;
  const outputMemory = unsent > UNCOUNTED_OUTPUT ? unsent - UNCOUNTED_OUTPUT : 0;
  const transactionBytes = session.transaction?.bytes ?? 0;
  const subscriptions = session.channels.size + session.patterns.size + session.shardChannels.size;
  const prefixes = session.tracking?.prefixes.size ?? 0;
  return {
    queryBuffer: buffers.queryBuffer,
    queryBufferFree: buffers.awaitedInput,
    argumentBytes: buffers.argumentBytes,
    transactionBytes,
    replyBufferSize: buffers.replyBufferSize,
    replyBufferPeak: Math.min(buffers.replyBufferPeak, buffers.replyBufferSize),
    bufferedOutput: unsent - outputMemory,
    outputBlocks: Math.ceil(outputMemory / UNCOUNTED_OUTPUT),
    outputMemory,
    // As Redis's getClientMemoryUsage: the reply blocks, the query buffer,
    // the reply buffer (the fixed part of the output lives in it), the
    // arguments, the transaction, and the other state's overheads.
    total:
      outputMemory +
      buffers.queryBuffer +
      buffers.awaitedInput +
      buffers.replyBufferSize +
      buffers.argumentBytes +
      transactionBytes +
      subscriptions * SUBSCRIPTION_OVERHEAD +
      session.watched.size * WATCHED_KEY_OVERHEAD +
      prefixes * PREFIX_OVERHEAD,
  };
}

/** Redis's CLIENTS_PEAK_MEM_USAGE_SLOTS: the peaks of the last 8 seconds. */
const PEAK_SLOTS = 8;

/**
 * The largest input and output any connection held in the last 8
 * seconds, for INFO (Redis's clientsCronTrackExpansiveClients): the
 * clients cron records every connection once a second, in the slot of
 * that second; a slot is cleared when its second comes round again.
 */
export class RecentPeaks {
  readonly #input = new Array<number>(PEAK_SLOTS).fill(0);
  readonly #output = new Array<number>(PEAK_SLOTS).fill(0);
  #second = -1;

  /** Records one connection's input (query buffer and arguments) and output memory at `nowMs`. */
  record(memory: ClientMemory, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const slot = second % PEAK_SLOTS;
    if (second !== this.#second) {
      // Every slot skipped since the last record is stale: clear it.
      const stale = this.#second < 0 ? PEAK_SLOTS : Math.min(second - this.#second, PEAK_SLOTS);
      for (let i = 0; i < stale; i++) {
        const cleared = (slot - i + PEAK_SLOTS) % PEAK_SLOTS;
        this.#input[cleared] = 0;
        this.#output[cleared] = 0;
      }
      this.#second = second;
    }
    const input = memory.queryBuffer + memory.argumentBytes;
    if (input > this.#input[slot]!) this.#input[slot] = input;
    if (memory.outputMemory > this.#output[slot]!) this.#output[slot] = memory.outputMemory;
  }

  /** The largest input of the last 8 seconds at `nowMs`. */
  maxInput(nowMs: number): number {
    return this.#max(this.#input, nowMs);
  }

  /** The largest output memory of the last 8 seconds at `nowMs`. */
  maxOutput(nowMs: number): number {
    return this.#max(this.#output, nowMs);
  }

  #max(slots: readonly number[], nowMs: number): number {
    // Slots older than 8 seconds no longer count, recorded over or not.
    const age = Math.floor(nowMs / 1000) - this.#second;
    if (this.#second < 0 || age >= PEAK_SLOTS) return 0;
    let max = 0;
    const newest = this.#second % PEAK_SLOTS;
    for (let i = 0; i < PEAK_SLOTS - age; i++) {
      const value = slots[(newest - i + PEAK_SLOTS) % PEAK_SLOTS]!;
      if (value > max) max = value;
    }
    return max;
  }
}
