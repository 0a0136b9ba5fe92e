/**
 * `createPool()`: several client actors behind one handle.
 *
 * Each command goes to the connection with the least work queued and in
 * flight. Work that needs a connection to itself (blocking commands, MULTI
 * with WATCH, SELECT, anything stateful) takes a lease: `await using lease =
 * await pool.lease()` gives a client on a connection of its own until the
 * lease is disposed. At most `size` leases are out at once; more wait.
 * A connection given back idle is RESET (and its handshake redone) and
 * kept for the next lease, which spares it a connect and a close; one
 * given back busy (an aborted blocking command still waiting, say) is
 * closed.
 *
 * @module
 */

import { AcquireError, Semaphore, type SemaphorePermit } from '@mini-redis/channels';
import type { CommandArg, Reply } from '@mini-redis/resp';
import type { CacheStats } from './actor/reply-cache.js';
import type { CommandOptions } from './commands.js';
import { ClientError } from './errors.js';
import type { Pipeline } from './pipeline.js';
import { type ClientOptions, type RedisClient, spawnClient } from './redis-client.js';
import { SentinelLocator, type SentinelOptions } from './sentinel.js';

/** Options of `createPool`. */
export interface PoolOptions extends ClientOptions {
  /**
   * Connections to route commands over, and the most leases out at once.
   * Default 4. The pool holds up to twice as many connections: `size`
   * routed, and up to `size` for leases, out or kept for the next one.
   */
  readonly size?: number;
}

/**
 * A pool lease's client: a `RedisClient` on a connection of its own, where
 * WATCH is allowed, so its `multi()`'s `exec()` resolves null when a
 * watched key changed. (An intersection, so it is still a `RedisClient`;
 * its own `multi` signature comes first and is the one a call uses.)
 */
export type LeasedClient = {
  /** A MULTI/EXEC transaction; `exec()` resolves null when a WATCHed key changed. */
  multi(): Pipeline<[], true>;
} & RedisClient;

/** A client on a connection of its own; dispose it to give it back. */
export interface Lease {
  readonly client: LeasedClient;
  release(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export class Pool {
  readonly #clients: RedisClient[];
  // An address, or the sentinels' lookup, which every connection shares
  // (the sentinel that answered last is asked first by all of them).
  readonly #address: string | SentinelLocator;
  readonly #options: ClientOptions;
  readonly #leases: Semaphore;
  // Leased connections given back and reset, for the next lease: at most
  // `size`, since at most `size` leases are out. Each is the one handle
  // on its connection; a lease gets a clone of it.
  readonly #idle: RedisClient[] = [];
  #closed = false;

  /** @internal Created by `createPool`. */
  constructor(address: string | SentinelOptions, options: PoolOptions) {
    const size = options.size ?? 4;
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Expected \`size\` to be an integer >= 1, got ${String(size)}`);
    this.#address = typeof address === 'string' ? address : new SentinelLocator(address);
    this.#options = options;
    this.#clients = Array.from({ length: size }, () =>
      spawnClient(this.#address, options, 'pooled'),
    );
    this.#leases = new Semaphore(size);
  }

  /**
   * The client with the least work, queued plus in flight, among those that
   * can send. One whose commands fail at once (offline after its attempts,
   * say turned away by a server at maxclients while the others got in)
   * has no load, and would otherwise draw every command; it is chosen only
   * when all of them fail so.
   */
  #leastLoaded(): RedisClient {
    let best: RedisClient | undefined;
    for (const client of this.#clients) {
      if (client.failing) continue;
      if (best === undefined || client.load < best.load) best = client;
    }
    return best ?? this.#clients[0]!;
  }

  /**
   * Runs a command on the least-loaded connection.
   *
   * Order: successive commands may go over different connections, so a
   * command given up on after it was written (timed out, aborted) may
   * still run after the caller's later ones. On one client's connection it
   * would run before them, if at all. Lease a connection where that matters.
   *
   * @throws TypeError (as a rejection) as `RedisClient#command` does, and
   *   also for SELECT, AUTH, CLIENT SETNAME and CLIENT NO-EVICT, which would change one
   *   connection of the pool: set the `db`, `password`, `name` or `noEvict` option, or
   *   lease a connection.
   */
  command(args: readonly CommandArg[], options?: CommandOptions): Promise<Reply> {
    return this.#leastLoaded().command(args, options);
  }

  /** A client routed to the least-loaded connection now (for typed methods). */
  client(): RedisClient {
    return this.#leastLoaded();
  }

  /**
   * Client-side caching's figures (the `cache` option) summed over the
   * routed connections, each of which has a cache of its own; null
   * without the option.
   */
  cacheStats(): CacheStats | null {
    let size = 0;
    let hits = 0;
    let misses = 0;
    let invalidated = 0;
    for (const client of this.#clients) {
      const stats = client.cacheStats();
      if (stats === null) return null;
      size += stats.size;
      hits += stats.hits;
      misses += stats.misses;
      invalidated += stats.invalidated;
    }
    return { size, hits, misses, invalidated };
  }

  /**
   * Resolves once every routed connection is ready for commands
   * (`RedisClient#ready`), at once when they are. With `offlineQueue:
   * false`, await it before the first command.
   *
   * Cancel safety: aborting `signal` only stops the wait.
   *
   * @throws ClientError (as a rejection) as `RedisClient#ready` does, for
   *   the first connection that fails; `ERR_CLIENT_CLOSED` once the pool
   *   is closed.
   */
  async ready(options?: { signal?: AbortSignal }): Promise<void> {
    if (this.#closed) throw closedPool();
    await Promise.all(this.#clients.map((client) => client.ready(options)));
  }

  /**
   * A connection of its own, for blocking commands, WATCH/MULTI or other
   * state; waits while `size` leases are out. Its client allows MULTI,
   * EXEC, DISCARD, WATCH and UNWATCH through `command()`. Its first
   * connection is retried as the pool's are (`reconnect`); once made, it
   * is never replaced: when it drops, the lease's commands fail with
   * `ERR_NOT_CONNECTED` (a WATCH or an open MULTI cannot survive a
   * reconnect), so release it and take another.
   *
   * `release()` (or disposing the lease) closes the holder's handle: its
   * later calls fail with `ERR_CLIENT_CLOSED`. The connection, when idle,
   * is RESET, its handshake redone, and kept for the next lease (release
   * resolves after that round trip); when busy, it is closed.
   *
   * Cancel safety: aborting `signal` while waiting takes no lease.
   *
   * @throws ClientError `ERR_CLIENT_CLOSED` (as a rejection) once the pool
   *   is closed, also for a lease still waiting when it closes.
   */
  async lease(options?: { signal?: AbortSignal }): Promise<Lease> {
    let permit: SemaphorePermit;
    try {
      permit = await this.#leases.acquire(1, options);
    } catch (error) {
      throw AcquireError.is(error) ? closedPool() : error;
    }
    // close() may have run between the grant and this continuation.
    if (this.#closed) {
      permit.release();
      throw closedPool();
    }
    // A kept connection the server dropped meanwhile (a restart, its idle
    // timeout) is closed, not handed out: a lease's is never reopened.
    let base = this.#idle.pop();
    while (base !== undefined && !base.connected) {
      void base.close();
      base = this.#idle.pop();
    }
    base ??= spawnClient(this.#address, this.#options, 'leased');
    // The holder's own handle: once released, its calls fail with
    // ERR_CLIENT_CLOSED and can never reach the next holder.
    const client = base.clone();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await client.close();
      // The pool may close while the reset runs: check again after it.
      if (!this.#closed && (await base.readyForReuse()) && !this.#closed) this.#idle.push(base);
      else await base.close();
      permit.release();
    };
    // Only the type differs: the same RedisClient, whose multi() can meet a WATCH here.
    return { client: client as LeasedClient, release, [Symbol.asyncDispose]: release };
  }

  /**
   * Closes every routed connection after it answered what was sent; leases
   * still out close with their release, and waiting or later `lease()`
   * calls reject with `ERR_CLIENT_CLOSED`. `signal` bounds the wait as
   * `RedisClient#close`'s does, for each connection. Idempotent.
   */
  async close(options?: { signal?: AbortSignal }): Promise<void> {
    this.#closed = true;
    this.#leases.close();
    const idle = this.#idle.splice(0);
    await Promise.all([...this.#clients, ...idle].map((client) => client.close(options)));
  }

  /** Same as `close()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

const closedPool = () => new ClientError('ERR_CLIENT_CLOSED', 'This pool is closed');

/**
 * Creates a pool of `size` client actors for `address`, or for the server
 * Redis Sentinel names (`SentinelOptions`, as `createClient` takes).
 */
export function createPool(address: string | SentinelOptions, options: PoolOptions = {}): Pool {
  return new Pool(address, options);
}
