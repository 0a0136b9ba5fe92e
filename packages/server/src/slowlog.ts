/**
 * The slow log (SLOWLOG): the last commands that ran for at least
 * `slowlog-log-slower-than` microseconds (0: every command; -1: none),
 * newest first, at most `slowlog-max-len` of them, as Redis's slowlog.c.
 *
 * An entry keeps a bounded copy of the command: at most 32 arguments (the
 * last one then says how many more there were) of at most 128 bytes each
 * (then saying how many bytes more), with secrets shown as "(redacted)"
 * (internal/redaction.ts); and who ran it: the client's address and name.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import { redactedArguments } from './internal/redaction.js';

/** The most arguments an entry keeps; Redis's SLOWLOG_ENTRY_MAX_ARGC. */
export const SLOWLOG_MAX_ARGUMENTS = 32;
/** The most bytes an argument keeps; Redis's SLOWLOG_ENTRY_MAX_STRING. */
export const SLOWLOG_MAX_ARGUMENT_BYTES = 128;

const REDACTED = Buffer.from('(redacted)');

export interface SlowlogEntry {
  /** Unique, increasing from 0 for the server's lifetime (SLOWLOG RESET keeps counting). */
  readonly id: number;
  /** When it was logged, in Unix seconds. */
  readonly time: number;
  /** How long the command ran, in microseconds. */
  readonly duration: number;
  readonly args: readonly Buffer[];
  /** The client's `ip:port` (CLIENT LIST's addr; `?:0` for a script's commands). */
  readonly client: string;
  /** The client's name ('' when it has none). */
  readonly name: string;
}

/**
 * The arguments a slow log entry keeps of `args` (a run of command `name`):
 * copies, bounded as Redis bounds them.
 */
export function slowlogArguments(name: string, args: RequestArgs): Buffer[] {
  const redacted = redactedArguments(name, args);
  const count = Math.min(args.length, SLOWLOG_MAX_ARGUMENTS);
  const kept: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    if (count !== args.length && i === count - 1) {
      kept.push(Buffer.from(`... (${args.length - count + 1} more arguments)`));
    } else if (redacted.has(i)) {
      kept.push(REDACTED);
    } else {
      const bytes = args.buffer(i);
      kept.push(
        bytes.length > SLOWLOG_MAX_ARGUMENT_BYTES
          ? Buffer.concat([
              bytes.subarray(0, SLOWLOG_MAX_ARGUMENT_BYTES),
              Buffer.from(`... (${bytes.length - SLOWLOG_MAX_ARGUMENT_BYTES} more bytes)`),
            ])
          : Buffer.from(bytes),
      );
    }
  }
  return kept;
}

export class Slowlog {
  // Oldest first; the front is dropped past the bound. `#start` skips
  // dropped entries without moving the rest on every push.
  #entries: SlowlogEntry[] = [];
  #start = 0;
  #nextId = 0;

  /** How many entries are kept. */
  get length(): number {
    return this.#entries.length - this.#start;
  }

  /**
   * Logs a command that ran for `duration` microseconds, then drops the
   * oldest entries past `maxLength`.
   */
  push(
    entry: { duration: number; args: readonly Buffer[]; client: string; name: string },
    maxLength: number,
  ): void {
    this.#entries.push({
      id: this.#nextId++,
      time: Math.floor(Date.now() / 1000),
      ...entry,
    });
    this.trim(maxLength);
  }

  /** Drops the oldest entries past `maxLength` (CONFIG SET slowlog-max-len takes effect at the next push, as in Redis). */
  trim(maxLength: number): void {
    const excess = this.length - maxLength;
    if (excess <= 0) return;
    this.#start += excess;
    // Compact once the dropped front outweighs what is kept.
    if (this.#start > this.length) {
      this.#entries = this.#entries.slice(this.#start);
      this.#start = 0;
    }
  }

  /** The newest `count` entries (all when `count` is larger), newest first. */
  newest(count: number): SlowlogEntry[] {
    const taken: SlowlogEntry[] = [];
    for (let i = this.#entries.length - 1; i >= this.#start && taken.length < count; i--)
      taken.push(this.#entries[i]!);
    return taken;
  }

  /** SLOWLOG RESET: forgets every entry (ids go on from where they were). */
  reset(): void {
    this.#entries = [];
    this.#start = 0;
  }
}
