/**
 * The shared state of a server: 16 keyspaces (SELECT), the pub/sub hub,
 * the MONITOR feed, key eviction (maxmemory), and the background task
 * that purges expired keys.
 *
 * As in mini-redis, expiration is lazy (every access checks the deadline)
 * plus active: a purge task sleeps until the earliest deadline and is woken
 * through a `Notify` whenever an earlier one is set. JavaScript runs one
 * command at a time, so the state needs no lock: commands are synchronous
 * and every one sees the effects of the one before.
 *
 * @module
 */

import { Notify, select } from '@mini-redis/channels';
import { BlockedPops } from './blocked-pops.js';
import { DEFAULT_ENCODING_LIMITS, type EncodingLimits } from './encoding-limits.js';
import { Functions } from './functions.js';
import { KeyEviction } from './key-eviction.js';
import { Keyspace } from './keyspace.js';
import { KeyspaceEvents } from './keyspace-events.js';
import { MonitorFeed } from './monitor.js';
import { Persistence } from './persistence.js';
import { PubSub } from './pubsub.js';
import { Scripts } from './scripts.js';
import type { Session } from './session.js';
import { KeyspaceCounters } from './stats.js';
import { Tracking } from './tracking.js';

// The longest a Node timer waits (2^31 - 1 ms, about 24.8 days); a longer
// delay makes setTimeout fire after 1 ms with a TimeoutOverflowWarning, and
// AbortSignal.timeout throw a RangeError past 2^32 - 1.
const MAX_SLEEP_MS = 2 ** 31 - 1;

export class Db {
  readonly databases: readonly Keyspace[];
  readonly pubsub: PubSub;
  /** Keyspace notifications: which are on (CONFIG SET notify-keyspace-events). */
  readonly events: KeyspaceEvents;
  /** Every command run, for the connections that sent MONITOR. */
  readonly monitors: MonitorFeed;
  /** Client-side caching's key tracking (CLIENT TRACKING), for every keyspace. */
  readonly tracking: Tracking;
  /** Connections blocked by the blocking list pops, and the keys ready for them. */
  readonly blocked = new BlockedPops();
  /** Lua scripting's cache and engine (EVAL, SCRIPT). */
  readonly scripts = new Scripts();
  /** Function libraries (FUNCTION, FCALL); they run on the scripts' engine. */
  readonly functions = new Functions(this.scripts);
  /** maxmemory: the keys' size and their eviction (key-eviction.ts); the server configures it. */
  readonly eviction = new KeyEviction(this);
  /** Snapshots to an RDB file: none unless the server is given a dir (persistence.ts). */
  persistence = new Persistence(
    this,
    undefined,
    () => 'dump.rdb',
    () => '',
    Date.now(),
  );
  readonly #wake = new Notify();
  #activeExpire = true;
  readonly #stop = new AbortController();
  #purgeTask: Promise<void> | null = null;

  /** The server's encoding limits, which every database's values follow. */
  readonly limits: Readonly<EncodingLimits>;

  /**
   * @param options.sessions the connected sessions by id, for key
   *   tracking's redirections (none by default).
   * @param options.trackingMaxKeys reads `tracking-table-max-keys`
   *   (Redis's default, 1,000,000, by default).
   */
  constructor(options: {
    databases: number;
    pubsubCapacity: number;
    sessions?: ReadonlyMap<number, Session>;
    trackingMaxKeys?: () => number;
    /** Where the keyspaces count hits, misses and expiries (INFO stats). */
    counters?: KeyspaceCounters;
    /** The server's encoding limits (its configuration; Redis's defaults by default). */
    limits?: Readonly<EncodingLimits>;
  }) {
    this.pubsub = new PubSub(options.pubsubCapacity);
    this.events = new KeyspaceEvents(this.pubsub);
    this.tracking = new Tracking(
      options.sessions ?? new Map(),
      options.trackingMaxKeys ?? (() => 1_000_000),
    );
    this.limits = options.limits ?? DEFAULT_ENCODING_LIMITS;
    const counters = options.counters ?? new KeyspaceCounters();
    const databases: Keyspace[] = [];
    for (let i = 0; i < options.databases; i++) {
      const keyspace = new Keyspace(i, this.events, this.tracking, counters, this.limits);
      keyspace.onEarlierDeadline = () => this.#wake.notifyOne();
      keyspace.onPoppableStored = (key) => this.blocked.stored(keyspace, key);
      keyspace.onCleared = () => this.blocked.cleared(keyspace);
      databases.push(keyspace);
    }
    this.databases = databases;
    // A monitor is bounded like a subscriber: as many lines as messages
    // (and, in the handler, the same output limit).
    this.monitors = new MonitorFeed(options.pubsubCapacity);
  }

  /**
   * Whether the purge task deletes keys past their deadline (DEBUG
   * SET-ACTIVE-EXPIRE 0 turns it off: keys then expire only when touched).
   */
  get activeExpire(): boolean {
    return this.#activeExpire;
  }

  set activeExpire(on: boolean) {
    this.#activeExpire = on;
    this.#wake.notifyOne();
  }

  /** Starts the purge task (idempotent). */
  start(): void {
    this.#purgeTask ??= this.#purgeLoop();
  }

  /** Stops the purge task and waits for it. */
  async stop(): Promise<void> {
    this.eviction.stop();
    this.#stop.abort();
    await this.#purgeTask;
  }

  async #purgeLoop(): Promise<void> {
    const stop = this.#stop.signal;
    while (!stop.aborted) {
      const now = Date.now();
      let next = Number.POSITIVE_INFINITY;
      if (this.#activeExpire)
        for (const keyspace of this.databases) {
          const deadline = keyspace.purgeExpired(now);
          if (deadline !== undefined && deadline < next) next = deadline;
        }
      // Sleep until the next deadline, an earlier deadline, or shutdown.
      // AbortSignal.timeout's timer does not keep the process alive. A
      // deadline may be centuries away (EXPIRE k 99999999999999), but a
      // timer cannot wait longer than MAX_SLEEP_MS: beyond it Node throws
      // or fires at once. Sleeping the most it can and looking again is
      // the same as sleeping longer.
      const sources =
        next === Number.POSITIVE_INFINITY
          ? { wake: this.#wake, stop }
          : {
              wake: this.#wake,
              stop,
              deadline: AbortSignal.timeout(Math.min(MAX_SLEEP_MS, Math.max(1, next - Date.now()))),
            };
      await select(sources);
    }
  }
}
