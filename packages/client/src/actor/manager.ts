/**
 * The manager task of the Tokio tutorial: the only code that touches the
 * connection. Handles send it `Request`s over a bounded mpsc; it writes them
 * and routes each reply back through the request's oneshot.
 *
 * Pipelining: it never waits for a reply before writing the next request.
 * It takes everything queued (`recvMany`), writes it as one socket write,
 * and keeps a FIFO of requests in flight that replies are matched to in
 * order. At most `maxInFlight` requests are written but unanswered; callers
 * beyond that wait on the channel (backpressure, never an unbounded queue).
 * One shortcut, still the manager's own code: when nothing is
 * queued or in flight, `writeNow` writes a handle's request on the spot,
 * sparing a lone caller the channel's wake-up on every round trip.
 * Replies are read in slices of a few dozen requests (read-slicing.ts), so
 * the callers answered first send their next commands while the rest are
 * still being decoded: the server and the client work at the same time.
 *
 * Connection state: the database, credentials and name the handshake sets
 * start from the options and follow SELECT, AUTH and CLIENT SETNAME sent
 * through the handles (connection-state.ts), so a reconnect restores the
 * connection as callers last left it.
 *
 * Failures: when the connection drops, every request in flight fails with
 * `ERR_CONNECTION_LOST` (it may or may not have run; nothing is retried).
 * A connection that stays silent is dropped too, when `pingInterval` asks
 * for a health check (see `#checkHealth`); `connectTimeout` bounds the
 * connect and the handshake together.
 * Requests still queued wait while the manager reconnects with exponential
 * backoff and jitter, redoes the handshake (HELLO 3 with AUTH/SETNAME,
 * falling back to RESP2 AUTH; then SELECT; a PING written with the HELLO
 * tells a server still loading its dataset), and then go out. With
 * reconnection off, queued and later requests fail with
 * `ERR_NOT_CONNECTED`. After `maxAttempts` failed attempts in a row they
 * fail the same way while the manager is offline, trying again every
 * `maxDelay` until it connects (`#offline`).
 *
 * With `offlineQueue` off, nothing waits for a connection: while none is
 * ready (the first connect, a reconnect) commands fail at once with
 * `ERR_NOT_CONNECTED`, and so do those queued when it dropped. Since no
 * command then comes to start a reconnect, the main loop waits on the
 * channel with a signal the drop aborts, and reconnects at once.
 *
 * The manager ends when every handle is closed, after answering what was
 * already sent.
 *
 * @module
 */

import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { type mpsc, Notify, oneshot } from '@mini-redis/channels';
import {
  type CommandArg,
  CommandEncoder,
  type Reply,
  ReplyDecoder,
  ReplyError,
} from '@mini-redis/resp';
import { type Address, describeAddress } from '../address.js';
import { authArgs } from '../credentials.js';
import { type ConnectionEventDetail, publishConnectionEvent } from '../diagnostics.js';
import { ClientError, setUpError } from '../errors.js';
import type { SentinelLocator } from '../sentinel.js';
import { handshakeWithin, openSocket } from '../socket.js';
import { timerDelay } from '../timer-delay.js';
import { mayBlock } from './blocking.js';
import type { StateChange } from './connection-state.js';
import { ReadSlicer } from './read-slicing.js';
import type { ReplyCache } from './reply-cache.js';
import { Failure, type Outcome, Request } from './request.js';

/** Reconnection with exponential backoff and jitter. */
export interface ReconnectOptions {
  /** First delay, in ms. Default 50. */
  readonly initialDelay?: number;
  /** Largest delay, in ms. Default 2000. */
  readonly maxDelay?: number;
  /**
   * Attempts in a row before the client goes offline: queued commands
   * then fail with `ERR_NOT_CONNECTED`, and so do commands sent while it
   * stays offline, at once. (`createClient` and `createPool` keep trying
   * every `maxDelay` ms while a handle is open, and work again once a
   * connection is made; `createSubscriber` gives up and closes.) Default
   * 20 for `createClient`, unlimited for `createSubscriber`.
   */
  readonly maxAttempts?: number;
}

export interface ManagerOptions {
  /** Where to connect; with a `locator`, its username, password and db only. */
  readonly address: Address;
  /**
   * Given, each connection goes where the sentinels say, and the server's
   * ROLE is checked once connected (sentinel.ts); null otherwise.
   */
  readonly locator: SentinelLocator | null;
  readonly maxInFlight: number;
  readonly connectTimeout: number;
  /** TCP keepalive's idle time in ms, or false (socket.ts). */
  readonly keepAlive: number | false;
  /** Health check interval in ms (`#checkHealth`); 0 for none. */
  readonly pingInterval: number;
  readonly tls: ConnectionOptions | undefined;
  /** How connecting is retried, the first time and after a drop. */
  readonly reconnect: Required<ReconnectOptions> | false;
  /**
   * A connection, once made, is never replaced (a pool's lease: a WATCH
   * or an open MULTI cannot survive a reconnect). The first connection
   * is still retried as `reconnect` says: there is no state to lose yet.
   */
  readonly singleConnection: boolean;
  /**
   * False: commands fail at once, unsent, while no connection is ready,
   * instead of waiting for one (ioredis's `enableOfflineQueue: false`).
   */
  readonly offlineQueue: boolean;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly db: number;
  readonly name: string | undefined;
  /** CLIENT NO-EVICT ON in the handshake: the server never evicts the connection. */
  readonly noEvict: boolean;
  /**
   * READONLY in the handshake: a connection to a cluster replica, which
   * then serves reads of its master's slots (a cluster's `readFrom`).
   */
  readonly readOnly: boolean;
  /**
   * Client-side caching (reply-cache.ts): the handshake turns CLIENT
   * TRACKING on, replies to cacheable reads are stored, invalidations
   * drop them. Null for none.
   */
  readonly cache: ReplyCache | null;
}

// A small FIFO for requests in flight: an array with a moving head,
// compacted when empty, so shift is O(1).
class Fifo {
  #items: Request[] = [];
  #head = 0;
  get length(): number {
    return this.#items.length - this.#head;
  }
  push(request: Request): void {
    this.#items.push(request);
  }
  peek(): Request | undefined {
    return this.#items[this.#head];
  }
  shift(): Request | undefined {
    const request = this.#items[this.#head];
    if (request === undefined) return undefined;
    this.#items[this.#head++] = undefined as unknown as Request;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    }
    return request;
  }
  /** Whether a request in flight is awaited and holds a command that may block on the server. */
  someAwaitedMayBlock(): boolean {
    for (let i = this.#head; i < this.#items.length; i++) {
      const request = this.#items[i]!;
      if (request.done) continue;
      if (request.group === null ? mayBlock(request.args!) : request.group.some(mayBlock))
        return true;
    }
    return false;
  }
  /** Whether any request in flight is still awaited by its caller. */
  someAwaited(): boolean {
    for (let i = this.#head; i < this.#items.length; i++) if (!this.#items[i]!.done) return true;
    return false;
  }
  /** Calls `fn` for every request in flight, oldest first. */
  forEach(fn: (request: Request) => void): void {
    for (let i = this.#head; i < this.#items.length; i++) fn(this.#items[i]!);
  }
  drain(): Request[] {
    const rest = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return rest;
  }
}

const lost = (why: string | null) =>
  new ClientError(
    'ERR_CONNECTION_LOST',
    `Connection lost before the reply${why === null ? '' : ` (${why})`}: the command may or may not have executed`,
  );
const notConnected = (why: string) =>
  new ClientError('ERR_NOT_CONNECTED', `Not connected: ${why}; the command was not sent`);
const closedBeforeReady = () =>
  new ClientError('ERR_CLIENT_CLOSED', 'The client was closed before a connection was ready');

// A whenReady() caller: given null once a connection is ready, or the error.
type ReadyWaiter = (error: Error | null) => void;

export class Manager {
  readonly #rx: mpsc.Receiver<Request>;
  readonly #options: ManagerOptions;
  readonly #inflight = new Fifo();
  readonly #encoder = new CommandEncoder();
  // Woken when in-flight requests drop below the bound, or the connection drops.
  readonly #progress = new Notify();
  #socket: Socket | null = null;
  // Where the connection goes, or went: the options' address, or where
  // the locator last found the server.
  #address: Address;
  // With a locator for a master: why the server is no longer the master
  // (a write answered READONLY, or a sentinel announced the switch), null
  // while it is. Nothing more is written to it; once what is in flight is
  // answered, the connection is dropped and the next one goes where the
  // sentinels say (#run).
  #demoted: string | null = null;
  #decoder: ReplyDecoder | null = null;
  // Sizes the socket's reads so replies are handed out in groups (read-slicing.ts).
  #slicer = new ReadSlicer();
  #connected = false;
  // What the handshake sets: from the options, then as SELECT, AUTH and
  // CLIENT SETNAME replied OK.
  #db: number;
  #username: CommandArg | undefined;
  #password: CommandArg | undefined;
  #name: CommandArg | undefined;
  // Whether the connection should be exempt from client eviction (the
  // option, then as CLIENT NO-EVICT replied OK), and whether this
  // connection is known to be: the handshake sends CLIENT NO-EVICT only
  // when they may differ.
  #noEvict: boolean;
  #noEvictOnServer = false;
  // Requests taken from the channel while the connection was down.
  #held: Request[] = [];
  // True while the main loop waits on the channel for work (and only
  // then): the one state in which `writeNow` may write for it.
  #parked = false;
  // What the channel hands the main loop. The channel appends to it the
  // moment it takes the values, a microtask before the loop resumes, so
  // `writeNow` sees a batch that is taken but not yet written.
  #taken: Request[] = [];
  // Whether the last write carried a single request: `writeNow` writes only
  // for a connection that carries one request at a time (see there).
  #lone = false;
  // Every handle is closed and the manager waits for the replies still
  // awaited before it closes the connection.
  #closing = false;
  // The health check (#checkHealth): its timer for the current connection,
  // whether anything was read since its last tick, whether that tick
  // wrote a PING, and why it dropped the connection.
  #healthTimer: NodeJS.Timeout | null = null;
  #readSinceCheck = false;
  #pinged = false;
  #lostReason: string | null = null;
  // For connectionEvents (diagnostics.ts): whether a connection finished
  // its handshake and has not closed since, and attempts failed in a row.
  #up = false;
  #failedInRow = 0;
  // Aborted by `abort()`: a close that will not wait any more. Backoff
  // sleeps and connects in progress listen to it.
  readonly #stopped = new AbortController();
  // What commands fail with when the manager gave up for good, and while
  // it is offline (see the \`failure\` getter).
  #failure: ClientError | null = null;
  // With offlineQueue off: what commands fail with while no connection is
  // ready (null while one is), and the signal the main loop waits on the
  // channel with, aborted when the connection drops so it reconnects at once.
  #notReady: ClientError | null = null;
  #dropped: AbortController | null = null;
  // Callers of whenReady() waiting for a connection.
  #readyWaiters: ReadyWaiter[] = [];
  #ended = false;
  // A lease's MULTI was written and its EXEC or DISCARD not yet: a PING
  // now would be queued in the caller's transaction.
  #inTransaction = false;
  /** Requests taken and not answered, plus queued ones: the pool's load measure. */
  queued = 0;
  /** Resolves when the manager has ended. */
  readonly done: Promise<void>;

  constructor(rx: mpsc.Receiver<Request>, options: ManagerOptions) {
    this.#rx = rx;
    this.#options = options;
    this.#address = options.address;
    this.#db = options.db;
    this.#username = options.username;
    this.#password = options.password;
    this.#name = options.name;
    this.#noEvict = options.noEvict;
    if (!options.offlineQueue)
      this.#notReady = notConnected(`connecting to ${this.#where()}, and offlineQueue is off`);
    // A master's connection is dropped as soon as a sentinel announces a
    // failover: until Sentinel reconfigures the old master, the writes it
    // takes would be lost.
    const unwatch =
      options.locator?.role === 'master'
        ? options.locator.watch(() =>
            this.#demote(
              `${describeAddress(this.#address)} is no longer the master (+switch-master)`,
            ),
          )
        : null;
    this.done = this.#run().finally(() => {
      unwatch?.();
      this.#ended = true;
      this.#settleReadyWaiters(closedBeforeReady());
    });
  }

  /** Whether the connection is up (handshake done) and the manager has not given up. */
  get connected(): boolean {
    return this.#connected && this.failure === null;
  }

  /**
   * What commands fail with at once, unsent: set when the manager gave up
   * for good, while it is offline (`#offline`) until it connects again,
   * and with `offlineQueue` off while no connection is ready.
   */
  get failure(): ClientError | null {
    return this.#failure ?? this.#notReady;
  }

  /**
   * Resolves once a connection is ready (handshake done), at once when one
   * is. Rejects with the failure commands get when the manager is offline
   * or gave up (at once when it is, or when it comes to that), with
   * `ERR_CLIENT_CLOSED` when it ends first, and with the signal's reason
   * when `signal` aborts.
   */
  whenReady(signal?: AbortSignal): Promise<void> {
    if (this.#ended) return Promise.reject(closedBeforeReady());
    if (this.#failure !== null) return Promise.reject(this.#failure);
    if (this.#up) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#readyWaiters = this.#readyWaiters.filter((waiter) => waiter !== entry);
        reject(signal!.reason);
      };
      const entry: ReadyWaiter = (error) => {
        signal?.removeEventListener('abort', onAbort);
        if (error === null) resolve();
        else reject(error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#readyWaiters.push(entry);
    });
  }

  // Answers every whenReady() caller: ready (null), or failed.
  #settleReadyWaiters(error: Error | null): void {
    const waiters = this.#readyWaiters;
    if (waiters.length === 0) return;
    this.#readyWaiters = [];
    for (const waiter of waiters) waiter(error);
  }

  // Sets what commands fail with for good or while offline; whenReady()
  // callers get it too.
  #setFailure(failure: ClientError): void {
    this.#failure = failure;
    this.#settleReadyWaiters(failure);
  }

  /** Requests written and not yet answered. */
  get inFlight(): number {
    return this.#inflight.length;
  }

  async #run(): Promise<void> {
    if (!(await this.#connectOrGoOffline())) return;
    const max = this.#options.maxInFlight;
    for (;;) {
      if (this.#inflight.length >= max) {
        await this.#progress.notified();
        continue;
      }
      if (!this.#connected) {
        if (this.#options.singleConnection) {
          this.#giveUp(
            new Error('the leased connection was lost: release the lease and take another'),
          );
          return;
        }
        if (this.#options.reconnect === false) {
          this.#giveUp(new Error('the connection was lost and reconnection is off'));
          return;
        }
        if (!(await this.#connectOrGoOffline())) return;
        continue;
      }
      let batch: Request[];
      if (this.#held.length > 0) {
        batch = this.#held;
        this.#held = [];
      } else {
        this.#parked = true;
        try {
          const into = this.#taken;
          // With offlineQueue off, the drop aborts the wait and the loop
          // reconnects without waiting for a command. (Cancel safe:
          // nothing is taken then.)
          const dropped = this.#dropped;
          batch = await this.#rx.recvMany(
            max - this.#inflight.length,
            dropped === null ? { into } : { into, signal: dropped.signal },
          );
        } catch {
          this.#parked = false;
          continue;
        }
        this.#parked = false;
        this.#taken = [];
        if (batch.length === 0) break;
      }
      if (this.#stopped.signal.aborted) {
        // Taken in the turn abort() ran: it fails what it finds queued.
        for (const request of batch) {
          this.queued--;
          this.#options.cache?.writeLeft(request, false);
          request.fail(this.failure!);
        }
        continue;
      }
      if (!this.#connected) {
        // Dropped while waiting: keep them for after the reconnect.
        this.#held = batch;
        continue;
      }
      if (this.#demoted !== null) {
        // The master is no longer one (#demote): what is in flight is
        // answered (its writes with READONLY once it is a replica), then
        // the connection is dropped and the batch goes to the server the
        // sentinels name now.
        this.#held = batch;
        while (this.#connected && this.#inflight.length > 0) await this.#progress.notified();
        const socket = this.#socket;
        if (socket !== null) {
          this.#lostReason = this.#demoted;
          socket.destroy();
          this.#onClose(socket);
        }
        continue;
      }
      // writeNow may have put one request in flight while the loop waited:
      // what would pass the bound waits, in order, for the next round.
      const room = max - this.#inflight.length;
      if (batch.length > room) this.#held = batch.splice(room);
      this.#write(batch);
    }
    // Every handle is closed: answer what was sent, then close. Replies
    // nobody awaits any more (aborted, timed out) are not waited for: a
    // blocking command whose caller gave up could hold the connection
    // open for ever. Each reply, and each such failure, wakes this loop.
    this.#closing = true;
    const wake = () => this.#progress.notifyOne();
    this.#inflight.forEach((request) => {
      request.onFail = wake;
    });
    while (this.#connected && this.#inflight.someAwaited()) await this.#progress.notified();
    this.#socket?.end();
  }

  /**
   * Measured hot path (apps/bench, client suite, one caller): writes
   * `request` at once, on the caller's stack, when the connection is idle,
   * and returns true; otherwise returns false and the caller sends it over
   * the channel as usual.
   *
   * Idle means: the main loop waits on an empty channel with nothing taken,
   * held or in flight, on a connection that finished its handshake. Then
   * the request would be the whole next batch, and writing it now is what
   * the loop would do a few microtasks later, minus the channel's wake-up,
   * those microtasks and their promises (about 3 µs a round trip with the
   * client and redis-server sharing one CPU, where each wake-up also runs
   * on caches the server just used). Order is kept: anything sent earlier
   * is either written already or still visible here (buffered, taken or
   * held), and then this declines. With many callers the first request on
   * an idle connection goes out alone and the rest batch behind it, since
   * it is in flight when they come.
   *
   * Only while the last write carried one request, though: with many
   * callers, a read that answers everything in flight resumes them all
   * at once, and the first one's write would go out alone, one syscall
   * more per round. (The benchmark's 100-caller worker, interleaved pairs
   * against the client before writeNow: without this check a median of
   * 0.89x over 6 pairs, with it 1.07x over 8, 0.96x-1.53x.) A batch of one
   * turns it back on.
   */
  writeNow(request: Request): boolean {
    if (
      !this.#lone ||
      this.#demoted !== null ||
      !this.#parked ||
      !this.#connected ||
      this.#inflight.length !== 0 ||
      this.#taken.length !== 0 ||
      this.#rx.len() !== 0
    )
      return false;
    this.#encode(request);
    const encoder = this.#encoder;
    if (encoder.pendingBytes > 0) this.#socket!.write(encoder.flush());
    return true;
  }

  /**
   * Readies an idle connection for a new user (the pool's next lease):
   * RESET, which ends a MULTI, unwatches, selects database 0, drops the
   * name, client-side caching and the other per-connection modes, and
   * goes back to RESP2 and the default user; then the handshake again,
   * from the options, so the connection is as a new one would be. Only
   * when it is connected with nothing queued, taken, held or in flight.
   *
   * Resolves true when the connection is ready; false when it cannot be
   * reused (busy, dropped, or the server refused: RESET is Redis 6.2+),
   * and the caller then closes it. Never rejects.
   *
   * Written while the main loop waits on an empty channel, as `writeNow`
   * does: nothing else is queued, so the replies come back in order.
   */
  async reset(): Promise<boolean> {
    if (
      !this.#connected ||
      this.failure !== null ||
      this.#inflight.length !== 0 ||
      this.#taken.length !== 0 ||
      this.#held.length !== 0 ||
      this.#rx.len() !== 0
    )
      return false;
    this.#db = this.#options.db;
    // RESET ends a transaction the last holder left open.
    this.#inTransaction = false;
    this.#username = this.#options.username;
    this.#password = this.#options.password;
    this.#name = this.#options.name;
    // The lease's holder may have changed it; RESET clears it in later
    // Redis versions and not in 7.0, so the handshake sets it either way.
    this.#noEvict = this.#options.noEvict;
    // RESET and the handshake's first command go out together: one round
    // trip. Should RESET be refused, the handshake ran on a connection
    // that was not reset, and the caller closes it.
    // A server that stopped answering gets connectTimeout, as a new
    // connection's handshake does; then the connection is dropped.
    const socket = this.#socket!;
    const [reset, handshake] = await Promise.allSettled([
      this.#internal(['RESET']),
      handshakeWithin(
        this.#address,
        Date.now(),
        this.#options.connectTimeout,
        () => socket.destroy(),
        this.#handshake(),
      ),
    ]);
    return (
      reset.status === 'fulfilled' &&
      !(reset.value instanceof ReplyError) &&
      handshake.status === 'fulfilled' &&
      this.#connected
    );
  }

  #write(batch: Request[]): void {
    this.#lone = batch.length === 1;
    for (const request of batch) this.#encode(request);
    const encoder = this.#encoder;
    if (encoder.pendingBytes > 0) this.#socket!.write(encoder.flush());
  }

  // Encodes one request into the pending write and puts it in flight.
  #encode(request: Request): void {
    this.queued--;
    // Aborted or timed out before it was written: it is never sent.
    if (request.done) {
      this.#options.cache?.writeLeft(request, false);
      return;
    }
    try {
      if (request.group === null) this.#encoder.write(request.args!);
      else this.#encoder.writeAll(request.group);
    } catch (error) {
      this.#options.cache?.writeLeft(request, false);
      request.fail(error as Error);
      return;
    }
    if (this.#inflight.length === 0) this.#decoder!.returnBuffers = request.buffers;
    this.#inflight.push(request);
    if (request.change !== null && request.change.kind === 'transaction')
      this.#inTransaction = request.change.open;
  }

  #onReply(reply: Reply): void {
    const request = this.#inflight.peek();
    if (request === undefined) {
      // A reply nobody asked for: the stream is out of step. Start over.
      this.#socket?.destroy();
      return;
    }
    const cache = this.#options.cache;
    // The invalidations of writes answered before came before this reply.
    cache?.replyArrived();
    if (request.group !== null) {
      request.replies ??= [];
      request.replies.push(reply);
      if (reply instanceof ReplyError && reply.code === 'READONLY') this.#onReadOnly();
      if (request.replies.length < request.group.length) return;
      this.#inflight.shift();
      cache?.writeLeft(request, true);
      this.#slicer.completed++;
      request.resolve(request.replies);
    } else {
      this.#inflight.shift();
      cache?.writeLeft(request, true);
      if (reply instanceof ReplyError && reply.code === 'READONLY') this.#onReadOnly();
      // Recorded even when the caller gave up: the server made the change.
      if (request.change !== null && !(reply instanceof ReplyError)) this.#record(request.change);
      // Stored even when the caller gave up: the server tracks the keys now.
      if (request.cacheRead !== null && !(reply instanceof ReplyError))
        this.#options.cache?.store(request.cacheRead, reply);
      this.#slicer.completed++;
      request.resolve(reply);
    }
    const next = this.#inflight.peek();
    this.#decoder!.returnBuffers = next?.buffers ?? false;
    if (
      this.#inflight.length === this.#options.maxInFlight - 1 ||
      this.#inflight.length === 0 ||
      this.#closing
    )
      this.#progress.notifyOne();
  }

  #record(change: StateChange): void {
    switch (change.kind) {
      case 'db':
        this.#db = change.db;
        // Tracking names keys, not databases: what was kept is another database's.
        this.#options.cache?.clear();
        break;
      case 'auth':
        // AUTH with only a password authenticates the default user.
        this.#username = change.username;
        this.#password = change.password;
        break;
      case 'name':
        this.#name = change.name;
        break;
      case 'noEvict':
        this.#noEvict = change.on;
        this.#noEvictOnServer = change.on;
        break;
      case 'transaction':
        // Noted when written (#encode).
        break;
    }
  }

  #onClose(socket: Socket): void {
    if (socket !== this.#socket) return;
    this.#connected = false;
    this.#socket = null;
    // Wakes a main loop waiting on the channel, to reconnect (offlineQueue off).
    this.#dropped?.abort();
    this.#dropped = null;
    // Invalidations sent while no connection is up are lost: start empty.
    this.#options.cache?.clear();
    if (this.#healthTimer !== null) clearInterval(this.#healthTimer);
    this.#healthTimer = null;
    this.#inTransaction = false;
    const why = this.#lostReason;
    this.#lostReason = null;
    const inFlight = this.#inflight.length;
    for (const request of this.#inflight.drain()) {
      this.#options.cache?.writeLeft(request, false);
      request.fail(lost(why));
    }
    this.#progress.notifyOne();
    if (this.#up) {
      this.#up = false;
      if (!this.#options.offlineQueue)
        this.#notReady = notConnected(
          `reconnecting to ${this.#where()} after the connection was lost, and offlineQueue is off`,
        );
      this.#report(() => ({
        event: 'disconnect',
        reason:
          why ?? (this.#closing ? 'the client was closed' : 'closed by the server or the network'),
        inFlight,
      }));
    }
  }

  /**
   * The health check, every `pingInterval` ms while connected: a peer that
   * vanished without closing (a host gone, a partition, a proxy whose
   * backend died) or a server that stopped answering (hung, stopped) is
   * otherwise noticed only by TCP keepalive, slowly, or never. Anything
   * read since the last tick proves the connection alive. After a tick
   * with nothing read, the connection is asked: a PING, behind whatever
   * is in flight. When the next tick has read nothing either, the
   * connection is dropped as lost: in-flight requests fail with
   * `ERR_CONNECTION_LOST` and the manager reconnects. So a silent
   * connection is dropped two to three intervals after it fell silent.
   *
   * No PING while a blocking command someone awaits is in flight
   * (blocking.ts): BLPOP's silence is its job, and a lease blocked on it
   * must not be dropped. None inside a lease's open MULTI, where it would
   * be queued and answered in the caller's EXEC. Any other command slower
   * than an interval counts as silence (the option's documentation says so).
   */
  #checkHealth(socket: Socket): void {
    if (socket !== this.#socket) return;
    if (this.#readSinceCheck) {
      this.#readSinceCheck = false;
      this.#pinged = false;
      return;
    }
    if (this.#pinged) {
      this.#lostReason = `no reply to a PING within ${this.#options.pingInterval} ms`;
      socket.destroy();
      return;
    }
    // Not inside a lease's MULTI either: the PING would join the transaction.
    if (this.#inTransaction || this.#inflight.someAwaitedMayBlock()) return;
    // Nobody awaits it: done from the start, so its reply is read and
    // dropped as an aborted command's is, and a closing manager does not
    // wait for it. It may pass maxInFlight by one.
    const request = this.#writeInternal(['PING']);
    request.done = true;
    this.#pinged = true;
  }

  // A write was refused with READONLY. Looked up through the sentinels as
  // a master, the server has become a replica. Otherwise it is the
  // caller's error to have.
  #onReadOnly(): void {
    const locator = this.#options.locator;
    if (locator === null || locator.role !== 'master') return;
    this.#demote(`${describeAddress(this.#address)} became a replica`);
  }

  // The connected master is no longer the master (`why`): stop writing to
  // it (#run, writeNow).
  #demote(why: string): void {
    if (this.#connected && this.#demoted === null) this.#demoted = why;
  }

  // Connects, the first time or after a drop. False when the manager is
  // to end: every handle closed, or connecting failed for good (#giveUp).
  async #connectOrGoOffline(): Promise<boolean> {
    try {
      await this.#connect();
      return true;
    } catch (error) {
      const failed = error instanceof Error ? error : new Error(String(error));
      if (!this.#mayRetry(failed)) {
        this.#giveUp(failed);
        return false;
      }
      return this.#offline(failed);
    }
  }

  // Whether connecting may still succeed later: not without reconnection,
  // not for a lease, not when the server refused the credentials, database
  // or name (ERR_HANDSHAKE), and not once every handle is closed.
  #mayRetry(error: Error): boolean {
    return (
      this.#options.reconnect !== false &&
      !this.#options.singleConnection &&
      !(
        ClientError.is(error) &&
        (error.code === 'ERR_HANDSHAKE' || error.code === 'ERR_CLIENT_CLOSED')
      )
    );
  }

  /**
   * Offline: `maxAttempts` attempts in a row failed. What is queued fails
   * with `ERR_NOT_CONNECTED`, and so does every command sent from now on,
   * at once (`failure`), so no caller waits on an outage of unknown length.
   * But the manager keeps trying, once every `maxDelay` ms (with jitter),
   * for as long as a handle is open: a long outage (a restart loading a
   * big dataset, a failover) does not leave a long-lived process with a
   * client that is dead for good (ioredis and node-redis keep trying too). The
   * wait is an unref'd timer (`AbortSignal.timeout`), so an idle process
   * is not kept alive by a client nobody uses.
   *
   * Resolves true once connected again; false when the manager is to end.
   */
  async #offline(error: Error): Promise<boolean> {
    const policy = this.#options.reconnect as Required<ReconnectOptions>;
    let failure = notConnected(error.message);
    this.#setFailure(failure);
    this.#failQueued(failure);
    this.#report(() => ({ event: 'offline', error }));
    for (;;) {
      // Jittered as #connect's delays are; AbortSignal.timeout takes whole ms.
      const delay = Math.ceil(timerDelay(policy.maxDelay * (0.5 + Math.random() * 0.5)));
      const wait = AbortSignal.timeout(delay);
      // Commands that reach the channel meanwhile (sent in a race with
      // `failure`, or waiting for a slot when it was set) fail as they come.
      for (;;) {
        let batch: Request[];
        try {
          batch = await this.#rx.recvMany(this.#options.maxInFlight, { signal: wait });
        } catch {
          break;
        }
        // Every handle closed: nothing will be sent any more.
        if (batch.length === 0) return false;
        for (const request of batch) {
          this.queued--;
          this.#options.cache?.writeLeft(request, false);
          request.fail(failure);
        }
      }
      try {
        await this.#openReported();
        this.#failure = null;
        return true;
      } catch (next) {
        const failed = next instanceof Error ? next : new Error(String(next));
        if (!this.#mayRetry(failed)) {
          this.#giveUp(failed);
          return false;
        }
        failure = notConnected(failed.message);
        this.#failure = failure;
      }
    }
  }

  // Every handle closed and nothing left to send, or close() stopped
  // waiting (abort): stop trying, so the last close() does not wait out
  // the whole backoff schedule.
  #stopIfClosed(): void {
    if (
      this.#stopped.signal.aborted ||
      (this.#rx.isClosed() && this.#rx.len() === 0 && this.#held.length === 0)
    )
      throw new ClientError(
        'ERR_CLIENT_CLOSED',
        'Every handle was closed before a connection could be made',
      );
  }

  // Waits `ms` (a backoff), or less when the manager is aborted.
  #sleep(ms: number): Promise<void> {
    const stopped = this.#stopped.signal;
    if (stopped.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopped.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timerDelay(ms));
      stopped.addEventListener('abort', done);
    });
  }

  // Connects (or reconnects) with backoff, and runs the handshake.
  async #connect(): Promise<void> {
    const policy = this.#options.reconnect;
    const attempts = policy === false ? 1 : policy.maxAttempts;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      // offlineQueue off: what was queued when the connection dropped, and
      // sends that were waiting for room in the channel then, fail too.
      if (this.#notReady !== null) this.#failQueued(this.#notReady);
      this.#stopIfClosed();
      if (attempt > 0 && policy !== false) {
        const base = Math.min(policy.maxDelay, policy.initialDelay * 2 ** (attempt - 1));
        // Full jitter between half and all of the delay, so clients that
        // lost the same server do not reconnect in lockstep.
        await this.#sleep(base * (0.5 + Math.random() * 0.5));
        this.#stopIfClosed();
      }
      try {
        await this.#openReported();
        return;
      } catch (error) {
        lastError = error;
        if (ClientError.is(error) && error.code === 'ERR_HANDSHAKE') break;
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  // #open, reported on connectionEvents.
  async #openReported(): Promise<void> {
    try {
      await this.#open();
    } catch (error) {
      const attempt = ++this.#failedInRow;
      this.#report(() => ({
        event: 'connect-failed',
        attempt,
        error: error instanceof Error ? error : new Error(String(error)),
      }));
      throw error;
    }
    this.#failedInRow = 0;
    this.#up = true;
    this.#notReady = null;
    this.#report(() => ({ event: 'connect' }));
    this.#settleReadyWaiters(null);
  }

  // Publishes a connection event when someone listens (diagnostics.ts).
  #report(detail: () => ConnectionEventDetail): void {
    publishConnectionEvent(this.#where(), 'client', detail);
  }

  // Where the connection goes, for messages and connection events: the
  // address, or with a locator before its first lookup what it looks up.
  #where(): string {
    const locator = this.#options.locator;
    // Before the first lookup there is no address yet.
    return locator !== null && this.#address === this.#options.address
      ? locator.describe()
      : describeAddress(this.#address);
  }

  async #open(): Promise<void> {
    const locator = this.#options.locator;
    if (locator !== null) {
      const found = await locator.locate(this.#options.connectTimeout, this.#stopped.signal);
      this.#address = { ...this.#options.address, host: found.host, port: found.port };
    }
    this.#demoted = null;
    const startedAt = Date.now();
    let opened: Socket | null = null;
    const decoder = new ReplyDecoder({
      onReply: (reply) => this.#onReply(reply),
      // RESP3 pushes: client-side caching's invalidations (nothing else
      // comes here: this connection never subscribes).
      onPush: (push) => this.#options.cache?.onPush(push),
      // A reply the decoder cannot read (past its limits, say a Lua reply
      // nested deeper than 1024 levels, or bytes that are not RESP): the
      // replies after it cannot be found, so the connection is dropped, and
      // the callers in flight are told why.
      onError: (error) => {
        this.#lostReason ??= `a reply could not be read: ${error.message}`;
        opened?.destroy();
      },
      maps: 'map',
      // Over TCP, replies are read into a buffer shared by every connection
      // and overwritten by the next read (socket.ts).
      transientChunks: true,
    });
    const slicer = new ReadSlicer();
    const socket = await openSocket(this.#address, {
      timeoutMs: this.#options.connectTimeout,
      signal: this.#stopped.signal,
      tls: this.#options.tls,
      keepAlive: this.#options.keepAlive,
      onChunk: (chunk) => {
        this.#readSinceCheck = true;
        slicer.read(chunk.length);
        decoder.write(chunk);
      },
      readSize: () => slicer.next(this.#inflight.length),
    });
    this.#slicer = slicer;
    opened = socket;
    this.#socket = socket;
    this.#decoder = decoder;
    this.#connected = true;
    // A new connection starts without the exemption.
    this.#noEvictOnServer = false;
    if (!this.#options.offlineQueue) this.#dropped = new AbortController();
    socket.on('error', () => {});
    socket.on('close', () => this.#onClose(socket));
    try {
      await handshakeWithin(
        this.#address,
        startedAt,
        this.#options.connectTimeout,
        () => socket.destroy(),
        this.#handshake(),
      );
    } catch (error) {
      socket.destroy();
      this.#connected = false;
      // The server closed the connection during the handshake (a restart,
      // CLIENT KILL): a failed attempt, reported as one rather than as the
      // handshake command's "may or may not have executed".
      if (ClientError.is(error) && error.code === 'ERR_CONNECTION_LOST')
        throw new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not connect to ${this.#where()}: the connection closed during the handshake`,
          { cause: error },
        );
      throw ClientError.is(error)
        ? error
        : new ClientError('ERR_HANDSHAKE', `Handshake failed: ${(error as Error).message}`, {
            cause: error,
          });
    }
    const interval = this.#options.pingInterval;
    if (interval > 0) {
      this.#readSinceCheck = false;
      this.#pinged = false;
      this.#healthTimer = setInterval(() => this.#checkHealth(socket), interval);
      // The connection keeps the process alive, not its health check.
      this.#healthTimer.unref();
    }
  }

  // Writes one internal command at once and waits for its reply.
  #internal(args: CommandArg[]): Promise<Reply> {
    return this.#internals([args])[0]!;
  }

  // Writes internal commands at once, in one socket write, and returns
  // their replies. One write matters when the server sends an error and
  // closes at once (maxclients): a second write would meet the reset and
  // fail the socket before the error was read.
  #internals(commands: CommandArg[][]): Promise<Reply>[] {
    const outcomes = commands.map((args) => {
      const [responder, outcome] = oneshot.channel<Outcome>();
      this.#encoder.write(args);
      this.#inflight.push(new Request(args, null, false, responder));
      return outcome;
    });
    this.#socket!.write(this.#encoder.flush());
    return outcomes.map(async (outcome) => {
      const result = await outcome.recv();
      if (result instanceof Failure) throw result.error;
      return result as Reply;
    });
  }

  // Writes one internal command at once, in flight behind everything
  // written before; its reply goes to `responder`.
  #writeInternal(
    args: CommandArg[],
    responder: oneshot.OneshotSender<Outcome> = oneshot.channel<Outcome>()[0],
  ): Request {
    const request = new Request(args, null, false, responder);
    this.#encoder.write(args);
    this.#inflight.push(request);
    this.#socket!.write(this.#encoder.flush());
    return request;
  }

  async #handshake(): Promise<void> {
    const username = this.#username;
    const password = this.#password;
    const name = this.#name;
    const db = this.#db;
    const hello: CommandArg[] = ['HELLO', '3'];
    // A username alone authenticates as that user with an empty password
    // (what an ACL user with `nopass` takes), rather than being ignored.
    if (password !== undefined || username !== undefined)
      hello.push('AUTH', username ?? 'default', password ?? '');
    if (name !== undefined) hello.push('SETNAME', name);
    // A restarted server answers HELLO (and AUTH and SELECT) while it
    // loads its dataset, and refuses most other commands with LOADING
    // meanwhile. PING is one of those: written with HELLO (no extra round
    // trip), its LOADING makes this attempt a failed one, so commands
    // wait for the load instead of failing. Other refusals of it (NOAUTH
    // before a RESP2 server's AUTH, a stale replica's MASTERDOWN) do not
    // matter here. Handled at once: HELLO may fail first.
    const [helloReply, pingReply] = this.#internals([hello, ['PING']]) as [
      Promise<Reply>,
      Promise<Reply>,
    ];
    pingReply.catch(() => {});
    const reply = await helloReply;
    const cache = this.#options.cache;
    if (reply instanceof ReplyError) {
      // Servers without RESP3 (or without HELLO): RESP2 and plain AUTH.
      if (!/NOPROTO|unknown command/i.test(reply.message)) throw setUpError('HELLO', reply);
      // Invalidations come as RESP3 pushes on this connection.
      if (cache !== null)
        throw new ClientError(
          'ERR_HANDSHAKE',
          `Client-side caching (the cache option) needs RESP3, which the server refused: ${reply.message}`,
        );
      if (password !== undefined || username !== undefined)
        await this.#expectOk(authArgs(username, password), 'AUTH');
      if (name !== undefined) await this.#expectOk(['CLIENT', 'SETNAME', name], 'CLIENT SETNAME');
    }
    if (db !== 0) await this.#expectOk(['SELECT', db], 'SELECT');
    // Sent when wanted, or to take back a lease holder's ON (after RESET,
    // whose effect on it depends on the server's version).
    const noEvict = this.#noEvict;
    if (noEvict || this.#noEvictOnServer) {
      await this.#expectOk(['CLIENT', 'NO-EVICT', noEvict ? 'ON' : 'OFF'], 'CLIENT NO-EVICT');
      this.#noEvictOnServer = noEvict;
    }
    if (this.#options.readOnly) await this.#expectOk(['READONLY'], 'READONLY');
    if (cache !== null) {
      // Nothing kept from before can be trusted; from here on the server
      // tells this connection when what it reads changes.
      cache.clear();
      await this.#expectOk(['CLIENT', 'TRACKING', 'ON'], 'CLIENT TRACKING');
    }
    const ping = await pingReply;
    if (ping instanceof ReplyError && ping.code === 'LOADING') throw setUpError('PING', ping);
    // A sentinel may name the old master for a moment after a failover.
    const locator = this.#options.locator;
    if (locator !== null) locator.checkRole(await this.#internal(['ROLE']), this.#address);
  }

  async #expectOk(args: CommandArg[], what: string): Promise<void> {
    const reply = await this.#internal(args);
    if (reply instanceof ReplyError) throw setUpError(what, reply);
  }

  /**
   * Ends the manager now, for a `close()` that will not wait any more:
   * requests queued fail with `ERR_CLIENT_CLOSED` (never sent), those in
   * flight with `ERR_CONNECTION_LOST` (written: they may have run), the
   * connection is destroyed, and no connection is tried again. `done`
   * resolves once the loop has seen it, without waiting for a backoff or
   * a connect in progress. Call it only once every handle is closed.
   */
  abort(): void {
    if (this.#stopped.signal.aborted) return;
    this.#stopped.abort();
    const reason = new ClientError(
      'ERR_CLIENT_CLOSED',
      'The client was closed before the command was sent',
    );
    this.#setFailure(reason);
    this.#failQueued(reason);
    const socket = this.#socket;
    if (socket !== null) {
      this.#lostReason = 'the client was closed';
      socket.destroy();
      // At once rather than on the 'close' event: nothing waits a turn.
      this.#onClose(socket);
    }
    this.#progress.notifyOne();
  }

  // Connecting failed for good: fail everything queued now and later.
  #giveUp(error: Error): void {
    const reason = notConnected(error.message);
    // Every handle closed first: a whenReady() caller hears that.
    if (ClientError.is(error) && error.code === 'ERR_CLIENT_CLOSED')
      this.#settleReadyWaiters(closedBeforeReady());
    this.#rx.close();
    this.#failQueued(reason);
    this.#setFailure(reason);
  }

  // Fails the requests held back and those waiting in the channel, unsent.
  #failQueued(reason: ClientError): void {
    for (const request of this.#held) {
      this.queued--;
      this.#options.cache?.writeLeft(request, false);
      request.fail(reason);
    }
    this.#held = [];
    for (let next = this.#rx.tryRecv(); next.status === 'received'; next = this.#rx.tryRecv()) {
      this.queued--;
      this.#options.cache?.writeLeft(next.value, false);
      next.value.fail(reason);
    }
  }
}
