/**
 * `createClient()`: the Tokio tutorial's client actor.
 *
 * It spawns a manager task that owns the connection and returns a handle.
 * Every command method sends `{ command, responder }` over a bounded mpsc
 * (option `capacity`, default 32 as in the tutorial) and awaits a oneshot.
 * `clone()` gives another handle on the same manager; the manager closes
 * the connection and ends when every handle is closed, after answering
 * what was already sent.
 *
 * Cancellation: every command takes `{ signal }`. Aborted before it is
 * written, it is never sent; aborted after, the promise rejects at once and
 * the reply, when it comes, is read and dropped (the pipeline stays in
 * order). The per-client `commandTimeout` uses one timer for all commands.
 *
 * Commands resolve with strings; the `...Buffer` variants with Buffers.
 * Error replies reject with `ReplyError`; everything else with `ClientError`.
 *
 * @module
 */

import type { ConnectionOptions } from 'node:tls';
import { mpsc, oneshot, SendError } from '@mini-redis/channels';
import { type CommandArg, type Reply, ReplyError } from '@mini-redis/resp';
import { type Destination, inspect, type StateChange } from './actor/connection-state.js';
import { Deadlines } from './actor/deadlines.js';
import { Manager, type ReconnectOptions } from './actor/manager.js';
import {
  type CacheableRead,
  type CacheOptions,
  type CacheStats,
  cacheableRead,
  ReplyCache,
} from './actor/reply-cache.js';
import { Failure, type Outcome, Request } from './actor/request.js';
import { type Address, parseAddress } from './address.js';
import { type CommandOptions, RedisCommands } from './commands.js';
import { traceCommand } from './diagnostics.js';
import { ClientError } from './errors.js';
import { positive, reconnectPolicy } from './option-checks.js';
import { Pipeline } from './pipeline.js';
import { SentinelLocator, type SentinelOptions } from './sentinel.js';
import { keepAliveOption } from './socket.js';

/** Options of `createClient`. */
export interface ClientOptions {
  /** Commands queued for the manager before callers wait. Default 32. */
  readonly capacity?: number;
  /** Commands written but not answered before the manager waits. Default 1024. */
  readonly maxInFlight?: number;
  /** Milliseconds before a command fails with ERR_TIMEOUT; 0 for none. Default 0. */
  readonly commandTimeout?: number;
  /**
   * Milliseconds to establish a connection: the connect, TLS and the
   * handshake (HELLO, AUTH, SELECT) together, so a server that accepts
   * connections but never answers is a failed attempt. Default 10,000.
   */
  readonly connectTimeout?: number;
  /**
   * TCP keepalive: idle milliseconds before the kernel probes the peer, or
   * false for none. Default 5,000. Keeps NATs and firewalls from dropping
   * an idle connection; the kernel ends one whose peer vanished only
   * after its probes fail (minutes with Linux's defaults): see `pingInterval`.
   */
  readonly keepAlive?: number | false;
  /**
   * Health check, in ms; 0 (the default) for none. When the connection
   * has read nothing for this long, a PING goes out; when nothing comes
   * back for another interval, the connection is dropped as lost (commands
   * in flight fail with `ERR_CONNECTION_LOST`) and reconnected. Catches a
   * server that hangs, or a peer that vanished without closing, in two to
   * three intervals. Blocking commands (BLPOP and the other blocking pops,
   * XREAD, WAIT) are waited for without a PING while awaited; any other
   * command that runs longer than an interval counts as silence, so keep
   * the interval above your slowest command's time.
   */
  readonly pingInterval?: number;
  /**
   * TLS options for `tls.connect` (`ca`, `cert`, `key`, `rejectUnauthorized`,
   * `servername`...). Given, the client uses TLS whatever the address says;
   * a `rediss://` address uses TLS with Node's defaults without it.
   */
  readonly tls?: ConnectionOptions;
  /**
   * Reconnection policy, or false to fail queued commands when the
   * connection drops. Past `maxAttempts` failed attempts in a row, commands
   * fail with `ERR_NOT_CONNECTED` while the client keeps trying every
   * `maxDelay` ms; it works again once connected.
   */
  readonly reconnect?: ReconnectOptions | false;
  /**
   * Whether commands wait for a connection. True (the default): commands
   * sent while connecting or reconnecting are queued and go out once the
   * connection is ready. False: they fail at once, unsent, with
   * `ERR_NOT_CONNECTED`, and so do commands still queued when the
   * connection drops; the client reconnects in the background without
   * waiting for a command. For callers that would rather fall back (a
   * cache that can be skipped) than wait out an outage. Await `ready()`
   * before the first command. (ioredis's `enableOfflineQueue: false`.) A
   * pool's leases wait for their first connection whatever this says.
   */
  readonly offlineQueue?: boolean;
  /**
   * The ACL user to authenticate as (default: the address's). Given
   * without a password, it authenticates with an empty one, which a user
   * with `nopass` takes; it is never ignored.
   */
  readonly username?: string;
  /** The password (default: the address's); alone, it authenticates the default user. */
  readonly password?: string;
  /** Database to SELECT. Default from the address, else 0. */
  readonly db?: number;
  /** Connection name (HELLO SETNAME / CLIENT SETNAME). */
  readonly name?: string;
  /**
   * CLIENT NO-EVICT ON in the handshake, after every reconnect too: the
   * server's client eviction (`maxmemory-clients`, Redis 7) never closes
   * this client's connections, for an administrative or monitoring client
   * that must stay connected. The handshake fails with `ERR_HANDSHAKE`
   * on a server without the command (before Redis 7).
   */
  readonly noEvict?: boolean;
  /**
   * Client-side caching: true, or its limits. The client turns CLIENT
   * TRACKING on (RESP3: Redis 6 or later; the handshake fails with
   * `ERR_HANDSHAKE` otherwise) and answers reads of the kinds it can keep
   * (GET, HGETALL, MGET, LRANGE, ZRANGE, SMEMBERS and the like: see
   * reply-cache.ts) from replies it already has, until Redis says one of
   * their keys changed. Emptied whenever the connection drops and on
   * SELECT. A hit never reaches the server, diagnostics_channel or
   * MONITOR. Pipelines and MULTI always go to the server. A pool gives
   * each routed connection a cache of its own; leases have none.
   */
  readonly cache?: boolean | CacheOptions;
}

// What every handle of one client shares.
interface Shared {
  readonly manager: Manager;
  readonly deadlines: Deadlines;
  readonly commandTimeout: number;
  /** What the connection is to its users, for what `command()` allows (connection-state.ts). */
  readonly destination: Destination;
  /** Client-side caching's replies (reply-cache.ts); null without the cache option. */
  readonly cache: ReplyCache | null;
  handles: number;
}

const closedHandle = () => new ClientError('ERR_CLIENT_CLOSED', 'This client handle is closed');

/** A handle on a client actor. */
export class RedisClient extends RedisCommands {
  readonly #tx: mpsc.Sender<Request>;
  readonly #shared: Shared;
  #closed = false;
  // This handle was the last one open when it closed: its close() waits for the manager.
  #wasLast = false;

  /** @internal Created by `createClient` and `clone`. */
  constructor(tx: mpsc.Sender<Request>, shared: Shared) {
    super();
    this.#tx = tx;
    this.#shared = shared;
  }

  /** @internal Commands fail at once, unsent (offline, or given up): the pool routes past it. */
  get failing(): boolean {
    return this.#shared.manager.failure !== null;
  }

  /** @internal Requests queued or in flight: the pool routes by it. */
  get load(): number {
    return this.#shared.manager.queued + this.#shared.manager.inFlight;
  }

  /** @internal For the pool: whether the connection is up and will take commands. */
  get connected(): boolean {
    return !this.#closed && this.#shared.manager.connected;
  }

  /**
   * @internal For the pool: readies a leased connection for the next lease
   * (`Manager.reset`). False, and nothing sent, when this is not the only
   * handle (a clone handed out could reach the next holder's connection)
   * or work is queued or in flight; false too when the reset failed.
   */
  async readyForReuse(): Promise<boolean> {
    if (this.#closed || this.#shared.handles !== 1 || this.load !== 0) return false;
    return this.#shared.manager.reset();
  }

  /**
   * Resolves once the client has a connection ready for commands (connected,
   * handshake done), at once when it has. For start-up (fail early on a
   * wrong address or password) and before the first command with
   * `offlineQueue: false`.
   *
   * Cancel safety: aborting `signal` only stops the wait.
   *
   * @throws ClientError (as a rejection) `ERR_NOT_CONNECTED`, with the
   *   error commands get, when the client is offline (its `maxAttempts`
   *   ran out: at once while it stays so, although it keeps trying) or gave
   *   up (reconnection off, credentials refused); `ERR_CLIENT_CLOSED` when
   *   this handle is closed, or the client closes first. The signal's
   *   reason when it aborts.
   */
  ready(options?: { signal?: AbortSignal }): Promise<void> {
    if (this.#closed) return Promise.reject(closedHandle());
    return this.#shared.manager.whenReady(options?.signal);
  }

  /**
   * What client-side caching (the `cache` option) has done so far: replies
   * held, hits, misses and replies invalidated; null without the option.
   * Shared by every handle of the client.
   */
  cacheStats(): CacheStats | null {
    return this.#shared.cache?.stats ?? null;
  }

  /** Another handle on the same connection. */
  clone(): RedisClient {
    if (this.#closed) throw closedHandle();
    this.#shared.handles++;
    return new RedisClient(this.#tx.clone(), this.#shared);
  }

  /**
   * Closes this handle. When it is the last one, the manager answers what
   * was already sent, closes the connection, and this resolves then.
   * Replies nobody awaits (commands aborted or timed out) are not waited
   * for, so an aborted blocking command cannot hold the connection open.
   * Idempotent.
   *
   * `signal` bounds the wait (`AbortSignal.timeout(5000)` for a shutdown
   * with a deadline; a hung server or an outage could otherwise hold it):
   * once it aborts, commands still queued fail with `ERR_CLIENT_CLOSED`
   * (never sent), those in flight with `ERR_CONNECTION_LOST` (they may have
   * run), the connection is destroyed, no reconnect is tried, and this
   * resolves. It applies when this is the last handle; others close
   * without waiting anyway. Called again on the last handle (say, after a
   * graceful close took too long), it waits again, with its own signal.
   */
  async close(options?: { signal?: AbortSignal }): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#tx.close();
      this.#wasLast = --this.#shared.handles === 0;
    }
    if (!this.#wasLast) return;
    const manager = this.#shared.manager;
    const signal = options?.signal;
    const abort = () => manager.abort();
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    try {
      await manager.done;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    this.#shared.deadlines.clear();
  }

  /** Same as `close()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** @internal Sends one request and waits for its outcome. */
  async send(
    args: readonly CommandArg[] | null,
    group: readonly (readonly CommandArg[])[] | null,
    buffers: boolean,
    options?: CommandOptions,
    change: StateChange | null = null,
  ): Promise<Reply | Reply[]> {
    if (this.#closed) throw closedHandle();
    const failure = this.#shared.manager.failure;
    if (failure !== null) throw failure;
    const signal = options?.signal;
    if (signal?.aborted) throw signal.reason;
    // Client-side caching: a kept reply answers at once, unsent.
    const cache = this.#shared.cache;
    let read: CacheableRead | null = null;
    if (cache !== null && args !== null && change === null) {
      read = cacheableRead(args, buffers);
      if (read !== null) {
        const kept = cache.lookup(read);
        if (kept !== undefined) return kept;
      }
    }
    const [responder, outcome] = oneshot.channel<Outcome>();
    const request = new Request(args, group, buffers, responder);
    request.change = change;
    request.cacheRead = read;
    // Anything else may write: hits wait until it settles (reply-cache.ts).
    if (cache !== null && read === null) cache.writeSubmitted(request);
    const timeout = options?.timeout ?? this.#shared.commandTimeout;
    if (timeout > 0) this.#shared.deadlines.add(request, Date.now() + timeout);
    const onAbort =
      signal === undefined
        ? null
        : () =>
            request.fail(
              signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)),
            );
    if (onAbort !== null) signal!.addEventListener('abort', onAbort, { once: true });
    const trace = traceCommand(args);
    try {
      const manager = this.#shared.manager;
      manager.queued++;
      // Measured hot path (apps/bench, client suite): a free slot takes the
      // request at once, with no promise to await. A full channel makes the
      // caller wait for a slot (backpressure): the channel delivers the
      // request the moment a slot is granted, so the caller waits only for
      // the outcome, one await instead of two; a send that fails (closed
      // channel, abort while waiting) fails the request with its error.
      // Faster still, an idle connection writes it at once (the manager's
      // writeNow says when that keeps order).
      if (!manager.writeNow(request) && this.#tx.trySend(request).status !== 'sent') {
        this.#tx.send(request, signal === undefined ? undefined : { signal }).catch((error) => {
          manager.queued--;
          cache?.writeLeft(request, false);
          request.fail(
            SendError.is(error) ? (manager.failure ?? closedHandle()) : (error as Error),
          );
        });
      }
      // recv() is a native promise: awaiting the receiver itself, a
      // thenable, would cost two more microtask turns per command.
      const result = await outcome.recv();
      if (result instanceof Failure) throw result.error;
      if (result instanceof ReplyError) throw result;
      trace?.();
      return result;
    } catch (error) {
      trace?.(error);
      throw error;
    } finally {
      if (onAbort !== null) signal!.removeEventListener('abort', onAbort);
    }
  }

  /** @internal `command()` and `commandBuffer()`: refuses what would break the shared connection, and has SELECT, AUTH and CLIENT SETNAME recorded. */
  protected override dispatch(
    args: readonly CommandArg[],
    buffers: boolean,
    options?: CommandOptions,
  ): Promise<Reply> {
    const found = inspect(args, this.#shared.destination);
    if (found instanceof TypeError) return Promise.reject(found);
    return this.send(args, null, buffers, options, found) as Promise<Reply>;
  }

  /** A batch of commands written back to back; `exec()` resolves their replies as a typed tuple. */
  pipeline(): Pipeline<[]> {
    return new Pipeline(this, false);
  }

  /** A MULTI/EXEC transaction; `exec()` resolves EXEC's replies as a typed tuple. */
  multi(): Pipeline<[]> {
    return new Pipeline(this, true);
  }
}

export function createClient(
  address: string | SentinelOptions,
  options: ClientOptions = {},
): RedisClient {
  return spawnClient(address, options, 'shared');
}

/**
 * @internal `createClient`, also for the pool: its routed connections
 * (`pooled`: SELECT, AUTH and CLIENT SETNAME refused) and its leases
 * (`leased`: transactions allowed, and never reconnected once connected);
 * and for a cluster's nodes (`pooled`; `readOnly` for a replica's).
 */
export function spawnClient(
  address: string | SentinelOptions | SentinelLocator,
  options: ClientOptions,
  destination: Exclude<Destination, 'batch'>,
  readOnly = false,
): RedisClient {
  const locator =
    typeof address === 'string'
      ? null
      : address instanceof SentinelLocator
        ? address
        : new SentinelLocator(address);
  // With sentinels, the server's address comes from them; only the
  // credentials and database below are read from this one.
  const parsed: Address =
    locator === null ? parseAddress(address as string) : { host: '', port: 0, tls: false, db: 0 };
  const capacity = positive('capacity', options.capacity ?? 32, 1);
  const reconnect =
    options.reconnect === false
      ? false
      : reconnectPolicy(options.reconnect, { initialDelay: 50, maxDelay: 2000, maxAttempts: 20 });
  // A lease is RESET when given back, which turns tracking off: no cache.
  const cache =
    options.cache === undefined || options.cache === false || destination === 'leased'
      ? null
      : new ReplyCache({
          maxEntries: positive(
            'cache.maxEntries',
            (options.cache === true ? undefined : options.cache.maxEntries) ?? 10_000,
            1,
          ),
          ttl: positive(
            'cache.ttl',
            (options.cache === true ? undefined : options.cache.ttl) ?? 0,
            0,
          ),
        });
  // Every option is checked before the manager starts connecting: a
  // RangeError after it would leave a connection that no handle can close.
  const commandTimeout = positive('commandTimeout', options.commandTimeout ?? 0, 0);
  const [tx, rx] = mpsc.channel<Request>(capacity);
  const manager = new Manager(rx, {
    address: parsed,
    locator,
    maxInFlight: positive('maxInFlight', options.maxInFlight ?? 1024, 1),
    connectTimeout: positive('connectTimeout', options.connectTimeout ?? 10_000, 1),
    keepAlive: keepAliveOption(options.keepAlive),
    pingInterval: positive('pingInterval', options.pingInterval ?? 0, 0),
    tls: options.tls,
    reconnect,
    singleConnection: destination === 'leased',
    // A lease is handed out to wait for its first connection (pool.ts).
    offlineQueue: destination === 'leased' || options.offlineQueue !== false,
    username: options.username ?? parsed.username,
    password: options.password ?? parsed.password,
    db: options.db ?? parsed.db,
    name: options.name,
    noEvict: options.noEvict === true,
    readOnly,
    cache,
  });
  const shared: Shared = {
    manager,
    deadlines: new Deadlines(),
    commandTimeout,
    destination,
    handles: 1,
    cache,
  };
  return new RedisClient(tx, shared);
}
