/**
 * The server's statistics, as Redis 7.0 keeps them: per command (INFO
 * commandstats: calls, time, rejected and failed calls; INFO latencystats
 * and LATENCY HISTOGRAM: a latency histogram), per error kind (INFO
 * errorstats), the keyspace's hits, misses and expiries, the bytes and
 * reads of the network, and the once-every-100-ms samples behind INFO's
 * instantaneous rates. CONFIG RESETSTAT clears them.
 *
 * The dispatcher counts a command's call after it ran; an error reply is
 * counted when it is written (internal/counted-reply.ts). Whether a
 * command failed or was rejected is Redis's rule: the error replies
 * counted since the previous command ended, so an error written by an
 * inner command (in EXEC, or by a script's redis.call) is its own, not its
 * caller's.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import type { RequestArgs } from '@mini-redis/resp';
import type { Command } from './command.js';
import { hasFlag } from './internal/command-keys.js';
import { LatencyHistogram } from './internal/latency-histogram.js';

/**
 * A percentile as Redis writes it (CONFIG GET, INFO latencystats' `p50`):
 * C's `%f`, then trailing zeros and a trailing point dropped.
 */
export function formatPercentile(percentile: number): string {
  const text = percentile.toFixed(6);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The percentiles of `latency-tracking-info-percentiles`, as CONFIG stores them ("50 99 99.9"). */
export function parsedPercentiles(setting: string): number[] {
  return setting === '' ? [] : setting.split(' ').map(Number);
}

/** One command's (or subcommand's) counters. */
export class CommandStats {
  /** Redis's full name: `get`, `config|set`. */
  readonly name: string;
  /** Whether the command is flagged `fast` (the latency monitor's `fast-command` event). */
  readonly fast: boolean;
  /** Whether the command is flagged `skip_slowlog` (EXEC): never logged as slow. */
  readonly skipSlowlog: boolean;
  calls = 0;
  /** Microseconds spent running it, in all. */
  usec = 0;
  /** Calls refused before they ran (wrong arity, NOAUTH, queued in a doomed transaction...). */
  rejected = 0;
  /** Calls that ran and replied an error. */
  failed = 0;
  /** Made at the first latency recorded: a command never run has none, as in Redis. */
  histogram: LatencyHistogram | null = null;

  constructor(name: string) {
    this.name = name;
    // A subcommand has flags of its own (`client|id` is fast, `client` is not).
    this.fast = hasFlag(name, 'fast');
    this.skipSlowlog = hasFlag(name, 'skip_slowlog');
  }
}

/**
 * The most error kinds INFO errorstats lists; later kinds are counted as
 * `ERRORSTATS_OVERFLOW`. Scripts can reply errors of any kind
 * (`redis.error_reply`), so without a bound the table would grow without
 * one. Redis 7.0 has no bound; later versions bound it at 128, as here.
 */
export const ERROR_KINDS_LIMIT = 128;
export const ERROR_KINDS_OVERFLOW = 'ERRORSTATS_OVERFLOW';

/** The keyspace's lookups and expiries, for every database (INFO stats). */
export class KeyspaceCounters {
  /** Reads that found their key (Redis's lookupKeyRead). */
  hits = 0;
  /** Reads that did not. */
  misses = 0;
  /** Keys deleted because their deadline passed, lazily or actively. */
  expired = 0;
}

// INFO's instantaneous rates: the mean of the last 16 samples, one every
// 100 ms, in Redis's integer arithmetic (trackInstantaneousMetric and
// getInstantaneousMetric).
const SAMPLES = 16;

class InstantaneousMetric {
  readonly #samples = new Float64Array(SAMPLES);
  #index = 0;
  #lastTime = 0;
  #lastValue = 0;

  sample(now: number, value: number): void {
    const elapsed = now - this.#lastTime;
    if (this.#lastTime !== 0 && elapsed > 0) {
      this.#samples[this.#index] = Math.floor(((value - this.#lastValue) * 1000) / elapsed);
      this.#index = (this.#index + 1) % SAMPLES;
    }
    this.#lastTime = now;
    this.#lastValue = value;
  }

  get mean(): number {
    let sum = 0;
    for (const sample of this.#samples) sum += sample;
    return Math.floor(sum / SAMPLES);
  }

  // CONFIG RESETSTAT: the counter starts again from zero, so the next
  // sample only sets the baseline (never a negative rate).
  reset(): void {
    this.#samples.fill(0);
    this.#lastTime = 0;
    this.#lastValue = 0;
  }
}

export class ServerStats {
  // Commands without subcommands by their object (one map lookup per
  // command), and every entry by full name, in first-use order.
  readonly #byCommand = new Map<Command, CommandStats>();
  readonly #byName = new Map<string, CommandStats>();
  readonly #errorKinds = new Map<string, number>();
  /** total_error_replies: every error reply written, the script client's included. */
  errorReplies = 0;
  // Error replies counted when the previous command ended (Redis's
  // prev_err_count in incrCommandStatsOnError).
  #errorsBefore = 0;
  // Error replies written without being counted (a script re-raising its
  // redis.call's error): each still makes its command failed, as in Redis.
  #uncountedErrors = 0;
  readonly keyspace = new KeyspaceCounters();
  /** Bytes read from and written to clients (INFO total_net_input_bytes, ...). */
  netInputBytes = 0;
  netOutputBytes = 0;
  /** Socket reads and writes (INFO total_reads_processed, total_writes_processed). */
  readsProcessed = 0;
  writesProcessed = 0;
  /** Connections closed by client eviction (maxmemory-clients; INFO's evicted_clients). */
  evictedClients = 0;
  /** Keys evicted for maxmemory (key-eviction.ts; INFO's evicted_keys). */
  evictedKeys = 0;
  readonly #opsPerSecond = new InstantaneousMetric();
  readonly #inputPerSecond = new InstantaneousMetric();
  readonly #outputPerSecond = new InstantaneousMetric();

  /**
   * The clock (performance.now(), in ms) when the last command timed
   * ended, or when the current batch of commands began: a command starts
   * timing from it, and reads the clock once, when it ends (`lap`).
   * Commands run back to back from one socket read so cost one clock read
   * each, not two (a read costs about 0.1 µs, a GET about 1 µs); a
   * command's time then includes decoding it. Whatever starts running
   * commands after other work calls `startLap` first.
   */
  lapTime = 0;

  /** Starts timing a batch of commands: one clock read. */
  startLap(): void {
    this.lapTime = performance.now();
  }

  /**
   * Ends the timing of a command that started at `started` (a `lapTime`):
   * its whole microseconds, as Redis's ustime() difference.
   */
  lap(started: number): number {
    const now = performance.now();
    this.lapTime = now;
    return Math.floor((now - started) * 1000);
  }

  /** The counters of `command` as `args` runs it (a container's: its subcommand's). */
  commandStats(command: Command, args: RequestArgs): CommandStats {
    if (command.subcommands === undefined) {
      let stats = this.#byCommand.get(command);
      if (stats === undefined) {
        stats = this.#named(command.name);
        this.#byCommand.set(command, stats);
      }
      return stats;
    }
    // The dispatcher checked the subcommand exists; without one (arity
    // refused it) the container's own counters are used, as in Redis.
    if (args.length < 2) return this.#named(command.name);
    return this.#named(`${command.name}|${args.latin1(1).toLowerCase()}`);
  }

  #named(name: string): CommandStats {
    let stats = this.#byName.get(name);
    if (stats === undefined) {
      stats = new CommandStats(name);
      this.#byName.set(name, stats);
    }
    return stats;
  }

  /** The counters of the command named `name` (`get`, `config|set`), if it ever ran or was refused. */
  lookup(name: string): CommandStats | undefined {
    return this.#byName.get(name);
  }

  /** Every command's counters, in first-use order. */
  all(): IterableIterator<CommandStats> {
    return this.#byName.values();
  }

  /** The error kinds and their counts (INFO errorstats), in the codes' byte order. */
  errorKinds(): IterableIterator<[string, number]> {
    // Redis keeps them in a radix tree (server.errors): INFO lists them
    // in the codes' byte order, not in the order they first came.
    return [...this.#errorKinds.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      [Symbol.iterator]();
  }

  /**
   * Counts an error reply whose text is `message` (its code first, no
   * `-`): its kind is the code, when a space ends it within Redis's 32
   * bytes of `-CODE `, and `ERR` otherwise, as in Redis's afterErrorReply.
   */
  countError(message: string | Uint8Array): void {
    this.errorReplies++;
    const head =
      typeof message === 'string'
        ? message.slice(0, 31)
        : Buffer.from(message.subarray(0, 31)).toString('latin1');
    const space = head.indexOf(' ');
    let kind = space === -1 ? 'ERR' : head.slice(0, space);
    if (!this.#errorKinds.has(kind) && this.#errorKinds.size >= ERROR_KINDS_LIMIT)
      kind = ERROR_KINDS_OVERFLOW;
    this.#errorKinds.set(kind, (this.#errorKinds.get(kind) ?? 0) + 1);
  }

  /** An error reply written without being counted: it still fails the running command. */
  countUncountedError(): void {
    this.#uncountedErrors++;
  }

  /**
   * A command ran for `usec` microseconds: counts the call (and its
   * latency when `record`), and a failure when an error reply was written
   * since the previous command ended.
   */
  ran(stats: CommandStats, usec: number, record: boolean): void {
    stats.calls++;
    stats.usec += usec;
    if (record) this.recordLatency(stats, usec);
    this.#settle(stats, false);
  }

  /** A command was refused before it ran (`stats` undefined: no command was found). */
  rejected(stats: CommandStats | undefined): void {
    this.#settle(stats, true);
  }

  /**
   * A blocked command's block ended: its counters get the time the end
   * took, and a failure when it replied an error, as Redis's
   * updateStatsOnUnblock. The call itself was counted when it blocked.
   */
  unblocked(stats: CommandStats, usec: number, failed: boolean, record: boolean): void {
    stats.usec += usec;
    if (failed) stats.failed++;
    if (record) this.recordLatency(stats, usec);
    // Its error is its own, not the next command's.
    this.#errorsBefore = this.errorReplies;
  }

  /** Counts a call of `usec` microseconds in the command's histogram. */
  recordLatency(stats: CommandStats, usec: number): void {
    stats.histogram ??= new LatencyHistogram();
    stats.histogram.record(usec * 1000);
  }

  #settle(stats: CommandStats | undefined, rejected: boolean): void {
    if (stats !== undefined) {
      if (this.errorReplies > this.#errorsBefore) {
        if (rejected) stats.rejected++;
        else stats.failed++;
      }
      if (!rejected) stats.failed += this.#uncountedErrors;
    }
    this.#uncountedErrors = 0;
    this.#errorsBefore = this.errorReplies;
  }

  /** Takes the 100 ms sample of the instantaneous rates (Redis's serverCron). */
  sample(now: number, totalCommands: number): void {
    this.#opsPerSecond.sample(now, totalCommands);
    this.#inputPerSecond.sample(now, this.netInputBytes);
    this.#outputPerSecond.sample(now, this.netOutputBytes);
  }

  /** INFO's instantaneous_ops_per_sec, and the input and output rates in KB/s. */
  get instantaneous(): { ops: number; inputKbps: number; outputKbps: number } {
    return {
      ops: this.#opsPerSecond.mean,
      inputKbps: this.#inputPerSecond.mean / 1024,
      outputKbps: this.#outputPerSecond.mean / 1024,
    };
  }

  /**
   * CONFIG RESETSTAT: every counter back to zero, in place (the running
   * RESETSTAT counts itself afterwards), and every error kind forgotten.
   */
  reset(): void {
    for (const command of this.#byName.values()) {
      command.calls = 0;
      command.usec = 0;
      command.rejected = 0;
      command.failed = 0;
      command.histogram = null;
    }
    this.#errorKinds.clear();
    this.errorReplies = 0;
    this.#errorsBefore = 0;
    this.#uncountedErrors = 0;
    this.keyspace.hits = 0;
    this.keyspace.misses = 0;
    this.keyspace.expired = 0;
    this.netInputBytes = 0;
    this.netOutputBytes = 0;
    this.readsProcessed = 0;
    this.writesProcessed = 0;
    this.evictedClients = 0;
    this.evictedKeys = 0;
    this.#opsPerSecond.reset();
    this.#inputPerSecond.reset();
    this.#outputPerSecond.reset();
  }
}
