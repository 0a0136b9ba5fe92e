/**
 * Client eviction, Redis 7's `maxmemory-clients`: a bound on the memory
 * all connections hold together (their query and output buffers, the
 * arguments of what they run, their transactions, subscriptions and
 * watched keys: client-memory.ts). When the sum reaches the limit, the
 * connections holding the most are closed, largest first, until it is
 * under; a connection that said CLIENT NO-EVICT ON is never chosen. Each
 * one closed is counted (INFO's `evicted_clients`) and reported to
 * `onWarning` with its CLIENT LIST line, as Redis logs it.
 *
 * The setting is a memory value, or a percentage of `maxmemory` (none
 * while maxmemory is 0, as in Redis; applied again when maxmemory
 * changes). A bound under 128 KiB counts as 128 KiB, so a bad setting
 * cannot cut every connection off, as in Redis.
 *
 * When it is checked: while the bound is set, a connection's figure is
 * brought up to date after each read (its commands' replies not yet
 * written, or the part of a command still to come: a connection whose
 * argument passes the bound is closed while it arrives, before its
 * command can run), and when output is pushed to it; every figure once a
 * second (the clients cron), and right after the setting changes.
 * Connections are closed once the running code is done, never in the
 * middle of a command, as Redis evicts between commands. The running sum
 * is only a trigger: before choosing whom to close, every connection is
 * measured afresh. While no bound is set, nothing is measured on the way.
 *
 * @module
 */

import { clientInfo } from './client-info.js';
import { clientMemory } from './client-memory.js';
import type { ServerInfo } from './server-info.js';
import type { Session } from './session.js';

/** Redis's floor for a bound that is set (1024 * 128). */
const MINIMUM_LIMIT = 128 * 1024;

/**
 * The bound in bytes that `setting` (CONFIG's text: `0`, a byte count, or
 * `N%`) sets with `maxmemory`; 0 when none.
 */
export function clientEvictionLimit(setting: string, maxmemory: number): number {
  let limit: number;
  if (setting.endsWith('%')) {
    // A share of no maxmemory is no bound (Redis's SIZE_MAX).
    if (maxmemory === 0) return 0;
    limit = Math.floor((maxmemory * Number(setting.slice(0, -1))) / 100);
  } else {
    limit = Number(setting);
  }
  if (limit === 0) return 0;
  return Math.max(limit, MINIMUM_LIMIT);
}

/** The server's client eviction (see the module comment). */
export class ClientEviction {
  readonly #server: ServerInfo;
  // The bound in bytes; 0: none.
  #limit = 0;
  // The sum of the figures last counted for each connection.
  #total = 0;
  // Every evictable connection was closed and the sum is still over the
  // bound: only the clients cron tries again, so that each command does
  // not measure every connection. Reported once until the sum is under.
  #exhausted = false;
  // An eviction is queued for when the running code is done.
  #evictionQueued = false;

  constructor(server: ServerInfo) {
    this.#server = server;
  }

  /** Whether a bound is set: the handler brings figures up to date only then. */
  get enabled(): boolean {
    return this.#limit !== 0;
  }

  /** The bound in bytes; 0: none. */
  get limit(): number {
    return this.#limit;
  }

  /**
   * Sets the bound (`clientEvictionLimit`'s bytes) and applies it when the
   * running code is done (a lower bound closes connections then): as
   * Redis applies it before it next waits for input, once the CONFIG SET
   * that changed it has let its arguments go.
   */
  configure(limit: number): void {
    this.#limit = limit;
    this.#exhausted = false;
    queueMicrotask(() => this.refresh());
  }

  /**
   * Brings `session`'s figure up to date; when the sum reaches the bound,
   * connections are closed once the running code is done. Never at once:
   * the caller may be inside another connection's command (an
   * invalidation pushed to this one), which must not lose its connection
   * halfway; Redis too evicts between commands.
   */
  update(session: Session): void {
    const memory = clientMemory(session).total;
    this.#total += memory - session.countedMemory;
    session.countedMemory = memory;
    if (this.#total < this.#limit) {
      this.#exhausted = false;
      return;
    }
    if (this.#exhausted || this.#evictionQueued) return;
    this.#evictionQueued = true;
    queueMicrotask(() => {
      this.#evictionQueued = false;
      if (this.#limit !== 0) this.#evict();
    });
  }

  /** A connection ended: its figure leaves the sum. */
  forget(session: Session): void {
    this.#total -= session.countedMemory;
    session.countedMemory = 0;
  }

  /**
   * Measures every connection afresh (the clients cron, once a second),
   * and closes connections when the sum reaches the bound.
   */
  refresh(): void {
    if (this.#limit === 0) return;
    this.#measureAll();
    if (this.#total >= this.#limit) this.#evict();
    else this.#exhausted = false;
  }

  #measureAll(): void {
    let total = 0;
    for (const session of this.#server.sessions.values()) {
      const memory = clientMemory(session).total;
      session.countedMemory = memory;
      total += memory;
    }
    this.#total = total;
  }

  // Redis's evictClients: the largest first, only as many as it takes.
  #evict(): void {
    this.#measureAll();
    if (this.#total < this.#limit) return;
    const candidates = [...this.#server.sessions.values()]
      .filter((session) => !session.noEvict)
      .sort((a, b) => b.countedMemory - a.countedMemory);
    const server = this.#server;
    for (const session of candidates) {
      if (this.#total < this.#limit) return;
      server.warn(`Evicting client: ${clientInfo(session, server, Date.now()).trimEnd()}`);
      server.stats.evictedClients++;
      // Its figure leaves the sum as it is taken out of the sessions.
      session.evict();
    }
    if (this.#total >= this.#limit && !this.#exhausted) {
      this.#exhausted = true;
      server.warn('Over client maxmemory after evicting all evictable clients');
    }
  }
}
