/**
 * maxmemory: a limit on the data, and what happens at it, as Redis's
 * evict.c. Before each command (dispatch.ts) the keys are measured; when
 * they pass the limit, keys are evicted by `maxmemory-policy` until they
 * fit, and when nothing more can go (`noeviction`, or a `volatile-*`
 * policy with no key left that has a deadline) a command that may grow
 * the data is refused with OOM.
 *
 * What is counted. Redis counts its allocator's bytes; a JavaScript heap
 * is larger and only falls when V8 collects garbage, so a limit on it
 * would evict at random moments and evict too much. Here the limit is on
 * what Redis would spend on the same data: each key as MEMORY USAGE sizes
 * it (memory-usage.ts's countedUsage, measured again after every change
 * to the key), plus the databases' hash tables; memory-accounting.ts keeps
 * the running count, so the check costs what changed since the last one.
 * So a limit keeps about as much data as a Redis with the same limit
 * keeps, whatever the process's heap is. Connections' buffers are not counted (output buffer limits and
 * maxmemory-clients bound those), nor is what the process held before
 * the server started. INFO's `mem_not_counted_for_evict` is the rest of
 * `used_memory`.
 *
 * The policies, as Redis's: `allkeys-*` choose among every key,
 * `volatile-*` among keys with a deadline; `lru` evicts the least
 * recently used, `lfu` the least frequently used (lfu.ts), `ttl` the
 * nearest deadline, `random` any. LRU, LFU and TTL are approximated as
 * Redis does: `maxmemory-samples` keys are drawn from each database and
 * the best candidates kept in a pool of 16 that outlives one eviction.
 * Random takes one key from each database in turn.
 *
 * Each eviction deletes the key as DEL does for WATCH and key tracking,
 * sends the `evicted` keyspace notification, and counts in INFO's
 * `evicted_keys`. One round evicts for at most the time
 * `maxmemory-eviction-tenacity` allows (500 µs at its default, 10; no
 * limit at 100); if keys remain over the limit, eviction goes on between
 * commands (setImmediate), and commands are not refused meanwhile, as in
 * Redis. While CLIENT PAUSE is in force nothing is evicted.
 *
 * @module
 */

import { performance } from 'node:perf_hooks';
import type { Db } from './db.js';
import type { Entry, Keyspace } from './keyspace.js';
import { NOTIFY_EVICTED } from './keyspace-events.js';
import { decayedFrequency, type LfuSettings } from './lfu.js';
import { MemoryAccounting } from './memory-accounting.js';
import { countedUsage } from './memory-usage.js';
import type { ServerInfo } from './server-info.js';

/** Redis's reply to a command refused for memory (shared.oomerr). */
export const OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";

/** What an eviction round ended with (Redis's EVICT_OK, EVICT_RUNNING, EVICT_FAIL). */
export type EvictionResult = 'ok' | 'running' | 'fail';

// Redis's EVPOOL_SIZE.
const POOL_SIZE = 16;

interface Candidate {
  readonly keyspace: Keyspace;
  readonly key: string;
  // A score: the higher, the better to evict (Redis's "idle").
  readonly idle: number;
}

/**
 * How long one round may evict, in microseconds, for a tenacity of 0 to
 * 100 (Redis's evictionTimeLimitUs): 50 µs a step up to 10, then 15% more
 * a step, and no limit at 100.
 */
export function evictionTimeLimit(tenacity: number): number {
  if (tenacity <= 10) return 50 * tenacity;
  if (tenacity < 100) return Math.floor(500 * 1.15 ** (tenacity - 10));
  return Number.POSITIVE_INFINITY;
}

/**
 * maxmemory for one server's databases: `configure` applies the settings,
 * `perform` runs before each command (dispatch.ts) and says whether a
 * command that may grow the data must be refused, and `countedMemory`
 * is the figure the limit is compared with. Never throws.
 */
export class KeyEviction {
  readonly #db: Db;
  #server: ServerInfo | null = null;
  // Whether the keyspaces count their keys (a limit is set), and their count.
  #counting = false;
  #accounting: MemoryAccounting | null = null;
  // The best candidates so far, ascending: the best is last. Keys in it
  // may have gone since; they are skipped when reached, as in Redis.
  #pool: Candidate[] = [];
  // The random policies' next database (Redis's next_db).
  #nextDb = 0;
  // The rounds going on between commands (Redis's evictionTimeProc).
  #procRunning = false;
  #immediate: NodeJS.Immediate | null = null;
  // Since when the data has been over the limit (performance.now() ms;
  // 0: it is not), and for how long in all before (µs): INFO's
  // current_ and total_eviction_exceeded_time.
  #exceededSince = 0;
  #exceededTotalUs = 0;
  /**
   * Whether the last check before a command found the data over the
   * limit with nothing left to evict (Redis's pre_command_oom_state): a
   * script reads it, so that its first write is refused, not later ones.
   */
  outOfMemory = false;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Applies the server's settings (at start and after CONFIG SET of
   * maxmemory or its policy's settings): the keyspaces count their keys
   * while a limit is set, and keep LFU counters while an LFU policy is;
   * a limit already passed starts evicting at once (between commands).
   */
  configure(server: ServerInfo): void {
    this.#server = server;
    const config = server.config;
    const counting = config.maxmemory !== 0;
    if (counting !== this.#counting) {
      this.#counting = counting;
      const limits = {
        get entries() {
          return config['stream-node-max-entries'];
        },
        get bytes() {
          return config['stream-node-max-bytes'];
        },
      };
      this.#accounting = counting
        ? new MemoryAccounting((key: string, entry: Entry) => countedUsage(key, entry, limits))
        : null;
      for (const keyspace of this.#db.databases) keyspace.countWith(this.#accounting);
    }
    const lfu: LfuSettings | null = config['maxmemory-policy'].endsWith('-lfu')
      ? { logFactor: config['lfu-log-factor'], decayTime: config['lfu-decay-time'] }
      : null;
    for (const keyspace of this.#db.databases) keyspace.lfu = lfu;
    // Candidates scored by another policy would be compared with new ones.
    this.#pool = [];
    if (!counting) {
      this.outOfMemory = false;
      this.#exceeded(false);
      return;
    }
    const used = this.countedMemory();
    if (used > config.maxmemory) {
      server.warn(
        `WARNING: the new maxmemory value set via CONFIG SET (${config.maxmemory}) is smaller than the current memory usage (${used}). This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.`,
      );
      this.#startProc();
    }
  }

  /** The eviction policy in force (maxmemory-policy; noeviction before the server configures it). */
  get policy(): string {
    return this.#server?.config['maxmemory-policy'] ?? 'noeviction';
  }

  /**
   * The bytes maxmemory counts now: every database's keys (measured
   * again where they changed) and hash tables. 0 while no limit is set.
   */
  countedMemory(): number {
    return this.#accounting?.total() ?? 0;
  }

  /**
   * INFO's current_eviction_exceeded_time and total_eviction_exceeded_time,
   * in milliseconds.
   */
  exceededTimes(): { current: number; total: number } {
    const current =
      this.#exceededSince === 0 ? 0 : (performance.now() - this.#exceededSince) * 1000;
    return {
      current: Math.floor(current / 1000),
      total: Math.floor((this.#exceededTotalUs + current) / 1000),
    };
  }

  /** CONFIG RESETSTAT: the total exceeded time starts again. */
  resetStats(): void {
    this.#exceededTotalUs = 0;
    if (this.#exceededSince !== 0) this.#exceededSince = performance.now();
  }

  /**
   * Brings the data under the limit if it is over (Redis's
   * performEvictions): 'ok' when it is (or nothing may be evicted now),
   * 'running' when keys remain to evict between commands, 'fail' when it
   * is over and nothing more can be evicted. Never throws.
   */
  perform(): EvictionResult {
    const server = this.#server;
    if (server === null || server.config.maxmemory === 0) return 'ok';
    // While clients are paused the data stays as it is: no eviction (and
    // so no OOM either), as Redis's isSafeToPerformEvictions.
    if (server.pause.active) return 'ok';
    const config = server.config;
    const used = this.countedMemory();
    if (used <= config.maxmemory) return this.#exceeded(false);
    const policy = config['maxmemory-policy'];
    if (policy === 'noeviction') return this.#exceeded(true, 'fail');
    const toFree = used - config.maxmemory;
    const timeLimit = evictionTimeLimit(config['maxmemory-eviction-tenacity']);
    const threshold = config['latency-monitor-threshold'];
    const started = performance.now();
    let freed = 0;
    let evicted = 0;
    let result: EvictionResult = 'ok';
    while (freed < toFree) {
      const pick = this.#pick(policy, config['maxmemory-samples']);
      if (pick === undefined) {
        result = 'fail';
        break;
      }
      const { keyspace, key } = pick;
      // No key waits to be measured here (countedMemory measured them),
      // so the difference is this key's size.
      const before = keyspace.countedBytes;
      const deleteStarted = threshold > 0 ? performance.now() : 0;
      keyspace.delete(key);
      if (threshold > 0) {
        const ms = Math.floor(performance.now() - deleteStarted);
        if (ms >= threshold) server.latency.add('eviction-del', ms);
      }
      freed += before - keyspace.countedBytes;
      server.stats.evictedKeys++;
      keyspace.notify(NOTIFY_EVICTED, 'evicted', key);
      evicted++;
      // Every 16 keys, the round's time is checked; the rest is evicted
      // between commands.
      if (evicted % 16 === 0 && (performance.now() - started) * 1000 > timeLimit) {
        this.#startProc();
        break;
      }
    }
    if (result !== 'fail') result = this.#procRunning ? 'running' : 'ok';
    if (threshold > 0) {
      const ms = Math.floor(performance.now() - started);
      if (ms >= threshold) server.latency.add('eviction-cycle', ms);
    }
    return this.#exceeded(result !== 'ok', result);
  }

  /** Stops evicting between commands (the server is closing). */
  stop(): void {
    if (this.#immediate !== null) clearImmediate(this.#immediate);
    this.#immediate = null;
    this.#procRunning = false;
  }

  // Keeps the exceeded-time figures; returns `result`.
  #exceeded(over: boolean, result: EvictionResult = 'ok'): EvictionResult {
    if (over) {
      if (this.#exceededSince === 0) this.#exceededSince = performance.now();
    } else if (this.#exceededSince !== 0) {
      this.#exceededTotalUs += (performance.now() - this.#exceededSince) * 1000;
      this.#exceededSince = 0;
    }
    return result;
  }

  #startProc(): void {
    if (this.#procRunning) return;
    this.#procRunning = true;
    this.#immediate = setImmediate(this.#proc);
  }

  // One round between commands; again while keys remain to evict.
  readonly #proc = (): void => {
    this.#immediate = null;
    if (this.perform() === 'running') this.#immediate = setImmediate(this.#proc);
    else this.#procRunning = false;
    // A stream evicted under a blocked XREADGROUP: its reader is told now.
    if (this.#db.blocked.pending) this.#db.blocked.serve(Date.now());
  };

  // The key to evict next under `policy`, or undefined when there is none.
  #pick(policy: string, samples: number): Candidate | undefined {
    const volatile = policy.startsWith('volatile-');
    const databases = this.#db.databases;
    if (policy.endsWith('-random')) {
      // One database after another, a random key of the next that has one.
      for (let i = 0; i < databases.length; i++) {
        this.#nextDb = (this.#nextDb + 1) % databases.length;
        const keyspace = databases[this.#nextDb]!;
        if ((volatile ? keyspace.expiringCount : keyspace.size) === 0) continue;
        // A draw among deadlines may find a stale one (at most every
        // other time): draw again.
        for (let tries = 0; tries < 64; tries++) {
          const [sample] = keyspace.sampleKeys(1, volatile);
          if (sample !== undefined) return { keyspace, key: sample[0], idle: 0 };
        }
      }
      return undefined;
    }
    const pool = this.#pool;
    const now = Date.now();
    for (;;) {
      let total = 0;
      for (const keyspace of databases) {
        const keys = volatile ? keyspace.expiringCount : keyspace.size;
        if (keys === 0) continue;
        total += keys;
        this.#populate(keyspace, keyspace.sampleKeys(samples, volatile), policy, now);
      }
      if (total === 0) return undefined;
      // From the best down; a key gone since it was pooled is a ghost.
      while (pool.length > 0) {
        const candidate = pool.pop()!;
        const entry = candidate.keyspace.peek(candidate.key);
        if (entry !== undefined && (!volatile || entry.expiresAt !== 0)) return candidate;
      }
    }
  }

  // Adds the better of `sample` to the pool (Redis's evictionPoolPopulate):
  // a candidate goes in while the pool has room, or when it beats the worst.
  #populate(keyspace: Keyspace, sample: Array<[string, Entry]>, policy: string, now: number): void {
    const pool = this.#pool;
    for (const [key, entry] of sample) {
      const idle = score(entry, policy, now, keyspace.lfu);
      let k = 0;
      while (k < pool.length && pool[k]!.idle < idle) k++;
      if (k === 0 && pool.length === POOL_SIZE) continue;
      pool.splice(k, 0, { keyspace, key, idle });
      if (pool.length > POOL_SIZE) pool.shift();
    }
  }
}

// How good a candidate `entry` is under `policy`: the longer unused
// (LRU), the less used (LFU), the sooner expiring (TTL), the higher.
function score(entry: Entry, policy: string, now: number, lfu: LfuSettings | null): number {
  if (policy.endsWith('-lru')) return now - entry.accessedAt;
  if (policy.endsWith('-lfu'))
    return 255 - (lfu === null ? entry.frequency : decayedFrequency(entry, now, lfu));
  return Number.MAX_SAFE_INTEGER - entry.expiresAt;
}
