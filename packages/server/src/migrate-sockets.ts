/**
 * MIGRATE's connections to its targets, cached as Redis caches them
 * (cluster.c's migrateGetSocket): one per `host:port` as the command
 * spelled them, closed 10 seconds after their last use, at most 64 (a new
 * one past that closes one at random), each remembering the database it
 * last selected so that the next MIGRATE to it skips SELECT. INFO's
 * `migrate_cached_sockets` counts them.
 *
 * Redis talks to a target with blocking calls, each allowed `timeout`
 * milliseconds; this server waits without blocking its event loop (the
 * command holds every other connection's commands meanwhile: see
 * client-pause.ts), and a connection's idle timer stands for those
 * per-call timeouts. What failed, and how, decides MIGRATE's reply
 * (commands/migrate.ts), so it is reported, never thrown.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { connect, type Socket } from 'node:net';
import { type Reply, ReplyDecoder } from '@mini-redis/resp';

// Redis's MIGRATE_SOCKET_CACHE_ITEMS and MIGRATE_SOCKET_CACHE_TTL.
const CACHE_ITEMS = 64;
const CACHE_TTL_MS = 10_000;
// setTimeout's longest delay; a longer timeout is as good as none.
const MAX_DELAY = 2_147_483_647;

// A target answers AUTH, SELECT and RESTORE with one line each: anything
// much larger is not a Redis server's reply, and must not grow this
// server's memory.
const REPLY_LIMITS = {
  maxBulkLength: 64 * 1024,
  maxLineLength: 64 * 1024,
  maxDepth: 8,
  maxAggregateLength: 1024,
} as const;

/** What one exchange with a target got. */
export interface Exchange {
  /** The replies read, in order: all that were expected, or those before the failure. */
  readonly replies: Reply[];
  /** Where it failed, if it did: Redis's IOERR names the stage. */
  readonly failed: 'writing' | 'reading' | null;
  /** Whether the failure was the timeout (Redis retries any other failure once). */
  readonly timedOut: boolean;
}

// The exchange a connection is in.
interface Pending {
  readonly expected: number;
  readonly replies: Reply[];
  written: boolean;
  readonly done: (exchange: Exchange) => void;
}

/** A connection to a MIGRATE target. */
export class MigrateTarget {
  /** The database this connection last selected; -1: unknown, so SELECT next time. */
  lastDb = -1;
  readonly #socket: Socket;
  readonly #decoder: ReplyDecoder;
  readonly #onIdle: () => void;
  #pending: Pending | null = null;
  #closed = false;
  #idleTimer: NodeJS.Timeout | null = null;

  /**
   * Wraps a connected `socket`; `onIdle` runs when it has been unused for
   * the cache's time to live (and is closed).
   */
  constructor(socket: Socket, onIdle: () => void) {
    this.#socket = socket;
    this.#onIdle = onIdle;
    this.#decoder = new ReplyDecoder({
      ...REPLY_LIMITS,
      onReply: (reply) => this.#onReply(reply),
      // Not a Redis server's reply: the connection is of no further use.
      onError: () => this.#fail(false),
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#decoder.write(chunk));
    socket.on('error', () => this.#fail(false));
    socket.on('close', () => this.#fail(false));
    socket.on('timeout', () => this.#fail(true));
    this.#touch();
  }

  /** Whether the connection has closed (or failed): it must not be used again. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Writes `request` and reads `expected` replies, each step allowed
   * `timeoutMs` of silence. Resolves with what it got; never rejects.
   * One exchange at a time.
   */
  exchange(request: Buffer, expected: number, timeoutMs: number): Promise<Exchange> {
    if (this.#closed) return Promise.resolve({ replies: [], failed: 'writing', timedOut: false });
    return new Promise((resolve) => {
      const pending: Pending = { expected, replies: [], written: false, done: resolve };
      this.#pending = pending;
      this.#socket.setTimeout(Math.min(timeoutMs, MAX_DELAY));
      this.#socket.write(request, (error) => {
        if (error === undefined || error === null) pending.written = true;
      });
    });
  }

  /** Closes the connection (an exchange in progress fails). */
  close(): void {
    this.#fail(false);
  }

  #onReply(reply: Reply): void {
    const pending = this.#pending;
    // A reply nobody asked for: the connection is out of step with the target.
    if (pending === null) {
      this.#fail(false);
      return;
    }
    pending.written = true;
    pending.replies.push(reply);
    if (pending.replies.length < pending.expected) return;
    this.#pending = null;
    this.#socket.setTimeout(0);
    this.#touch();
    pending.done({ replies: pending.replies, failed: null, timedOut: false });
  }

  // The connection is lost (or out of time): it closes, and the exchange
  // in progress ends with what it read.
  #fail(timedOut: boolean): void {
    const pending = this.#pending;
    this.#pending = null;
    if (pending !== null) {
      pending.done({
        replies: pending.replies,
        failed: pending.written ? 'reading' : 'writing',
        timedOut,
      });
    }
    if (this.#closed) return;
    this.#closed = true;
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#socket.destroy();
  }

  // Closes the connection once it has been unused for the cache's TTL.
  #touch(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.close();
      this.#onIdle();
    }, CACHE_TTL_MS);
    this.#idleTimer.unref();
  }
}

/** The cache of a server's MIGRATE connections. */
export class MigrateSockets {
  readonly #cached = new Map<string, MigrateTarget>();
  #closed = false;

  /** Cached connections: INFO's `migrate_cached_sockets`. */
  get size(): number {
    return this.#cached.size;
  }

  /**
   * The cached connection to `host` and `port` (`name`, their spelling in
   * the command, is the cache key), or a new one, connected within
   * `timeoutMs`. `unreachable` when the name does not resolve or the
   * connect timed out (Redis's "connecting" IOERR); `refused` when the
   * connect failed otherwise, which Redis, connecting without blocking,
   * learns at its first write.
   */
  async get(
    name: string,
    host: string,
    port: number,
    timeoutMs: number,
  ): Promise<MigrateTarget | 'unreachable' | 'refused'> {
    // The server closed: no new connection outlives it.
    if (this.#closed) return 'unreachable';
    // Even one the target has closed: its exchange fails at writing, and
    // the caller's one retry opens a new one, as Redis's does.
    const cached = this.#cached.get(name);
    if (cached !== undefined) return cached;
    if (this.#cached.size >= CACHE_ITEMS) {
      // Too many: one goes, at random, as in Redis.
      const names = [...this.#cached.keys()];
      this.drop(names[Math.floor(Math.random() * names.length)]!);
    }
    const socket = await connectWithin(host, port, timeoutMs);
    if (typeof socket === 'string') return socket;
    if (this.#closed) {
      socket.destroy();
      return 'unreachable';
    }
    // A connection the target closed stays cached, and counted, until it
    // is next used (and dropped) or its time is up, as in Redis.
    const target = new MigrateTarget(socket, () => {
      if (this.#cached.get(name) === target) this.#cached.delete(name);
    });
    this.#cached.set(name, target);
    return target;
  }

  /** Closes and forgets the connection cached as `name`, if any. */
  drop(name: string): void {
    this.#cached.get(name)?.close();
    this.#cached.delete(name);
  }

  /** Closes every connection, and makes no more (the server closes). */
  closeAll(): void {
    this.#closed = true;
    for (const target of this.#cached.values()) target.close();
    this.#cached.clear();
  }
}

// Connects to `host`:`port` within `timeoutMs`.
function connectWithin(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Socket | 'unreachable' | 'refused'> {
  // A negative port fails Redis's getaddrinfo, before any connect; a port
  // net will not try (0, or past 65535) is refused, as Redis's connect is.
  if (port < 0) return Promise.resolve('unreachable');
  if (port === 0 || port > 65535) return Promise.resolve('refused');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(
      () => {
        socket.destroy();
        resolve('unreachable');
      },
      Math.min(timeoutMs, MAX_DELAY),
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      // A name that does not resolve fails before any connect, as in Redis.
      resolve(error.syscall === 'getaddrinfo' ? 'unreachable' : 'refused');
    });
  });
}
