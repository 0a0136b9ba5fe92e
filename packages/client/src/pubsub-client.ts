/**
 * `createSubscriber()`: a subscriber that survives reconnections.
 *
 * It owns a connection of its own (a subscribed connection can do nothing
 * else), remembers every channel, pattern and shard channel (Redis 7's
 * SSUBSCRIBE) it was asked for, and when the
 * connection drops it reconnects with backoff and jitter, authenticates,
 * and subscribes to all of them again. Messages published while it was
 * disconnected are lost: that is pub/sub's contract.
 *
 * `subscribe()` and the other three resolve once the server has confirmed
 * the change, so a publish after `await subscriber.subscribe('news')`
 * reaches this subscriber, and reject with the server's error when it
 * refused it (an ACL user without that channel: NOPERM). What was sent
 * and what the server confirmed is kept in `Subscriptions`
 * (subscriptions.ts).
 *
 * A connection that falls silent is noticed with `pingInterval` (a PING
 * when nothing was read for an interval, dropped when the next interval
 * reads nothing either), and TCP keepalive is on by default; without
 * them, a subscriber whose server vanished without closing would wait
 * for messages for ever.
 *
 * Messages wait in a bounded mpsc channel for the consumer (`for await`).
 * When the consumer falls behind, the subscriber stops reading its socket,
 * so the backlog stays in the server, which disconnects a subscriber over
 * its output-buffer limit; memory here stays bounded either way.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { ConnectionOptions } from 'node:tls';
import { mpsc } from '@mini-redis/channels';
import { type CommandArg, type Frame, ProtocolError, ReplyError } from '@mini-redis/resp';
import type { ReconnectOptions } from './actor/manager.js';
import { type Address, describeAddress, type HostPort, parseAddress } from './address.js';
import type { Message } from './client.js';
import { Connection } from './connection.js';
import { authArgs } from './credentials.js';
import { type ConnectionEventDetail, publishConnectionEvent } from './diagnostics.js';
import { ClientError, setUpError } from './errors.js';
import { positive, reconnectPolicy } from './option-checks.js';
import { frameToReply } from './reply.js';
import { SentinelLocator, type SentinelOptions } from './sentinel.js';
import { handshakeWithin, keepAliveOption } from './socket.js';
import { type ChangeKind, Subscriptions } from './subscriptions.js';
import { timerDelay } from './timer-delay.js';

/** Options of `createSubscriber`. */
export interface SubscriberOptions {
  /**
   * The ACL user to authenticate as (default: the address's). Given
   * without a password, it authenticates with an empty one, which a user
   * with `nopass` takes; it is never ignored.
   */
  readonly username?: string;
  /** The password (default: the address's); alone, it authenticates the default user. */
  readonly password?: string;
  /** Messages buffered for the consumer. Default 1024. */
  readonly capacity?: number;
  /** Milliseconds for the connect and AUTH together (a failed attempt past it). Default 10,000. */
  readonly connectTimeout?: number;
  /** TCP keepalive's idle time in ms, or false (as `createClient`'s). Default 5,000. */
  readonly keepAlive?: number | false;
  /**
   * Health check, in ms; 0 (the default) for none. When nothing was read
   * for this long (and the consumer is not behind), a PING goes out; when
   * nothing comes back for another interval, the connection is dropped,
   * and the subscriber reconnects and subscribes again. A subscriber
   * otherwise cannot tell a quiet channel from a server that vanished
   * without closing (TCP keepalive notices that only after minutes).
   */
  readonly pingInterval?: number;
  readonly reconnect?: ReconnectOptions;
  /** TLS options for `tls.connect`; given, the connection uses TLS (as `createClient`'s `tls`). */
  readonly tls?: ConnectionOptions;
  /** Messages as the bytes sent (Buffers) instead of UTF-8 text. Default false. */
  readonly buffers?: boolean;
  /**
   * Called when the server ends a shard channel's subscription on its own:
   * Redis Cluster does when the channel's slot moves to another node (a
   * migration, a failover), and answers MOVED when the subscriber
   * subscribes again after a reconnect to a node that lost the slot
   * meanwhile. The channel is then no longer in `shardChannels`, here or
   * after a reconnect; subscribe to it on the node that now serves its
   * slot (the subscriber of `createCluster` does that itself). Called
   * from a microtask: what it throws is an uncaught exception, as an
   * event listener's.
   */
  readonly onShardChannelDropped?: (channel: string) => void;
}

/**
 * @internal `createSubscriber`'s options checked, and its reconnection
 * policy (unlimited attempts by default).
 *
 * @throws RangeError naming an option out of range.
 */
export function checkSubscriberOptions(options: SubscriberOptions): Required<ReconnectOptions> {
  keepAliveOption(options.keepAlive);
  positive('pingInterval', options.pingInterval ?? 0, 0);
  positive('capacity', options.capacity ?? 1024, 1);
  return reconnectPolicy(options.reconnect, {
    initialDelay: 50,
    maxDelay: 2000,
    maxAttempts: Number.POSITIVE_INFINITY,
  });
}

// The health check's PING argument.
const HEALTH_TOKEN = 'mini-redis:subscriber:health';

/**
 * @internal Where a subscriber connects when it is not a fixed address:
 * asked before each connection (SentinelLocator; the cluster
 * subscriber's, which names a node of the cluster).
 */
export interface SubscriberLocator {
  locate(timeoutMs: number, signal: AbortSignal): Promise<HostPort>;
  /** What it looks up, for messages and connection events. */
  describe(): string;
}

/** @internal What a subscriber tells the cluster subscriber that owns it. */
export interface SubscriberHooks {
  /** A connection attempt failed, or the connection dropped (not on close). */
  readonly connectionLost?: () => void;
}

export class PubSubClient<Payload extends string | Buffer = string>
  implements AsyncIterable<Message<Payload>>
{
  // Where the connection goes, or went: the address given, or where the
  // locator last found the server.
  #address: Address;
  // With SentinelOptions or in a cluster: the lookup before each
  // connection (sentinel.ts), aborted by close().
  readonly #locator: SubscriberLocator | null;
  readonly #hooks: SubscriberHooks;
  readonly #stopped = new AbortController();
  // Stops the locator's news of a failover (SentinelLocator#watch).
  readonly #unwatch: (() => void) | null = null;
  readonly #options: SubscriberOptions;
  readonly #reconnect: Required<ReconnectOptions>;
  readonly #subscriptions = new Subscriptions();
  readonly #tx: mpsc.Sender<Message<Payload>>;
  readonly #rx: mpsc.Receiver<Message<Payload>>;
  #connection: Connection | null = null;
  #closed = false;
  // The restore of the last connection was refused because the server
  // could not serve then (BUSY): that connection counts as a failed attempt.
  #refusedForNow: ReplyError | null = null;
  /**
   * Resolves once the first connection is subscribed. Rejects with a
   * `ClientError` when that never happens: `ERR_NOT_CONNECTED` once
   * reconnection gives up (`reconnect.maxAttempts`, unlimited by default),
   * `ERR_HANDSHAKE` when the server refuses the credentials (not retried),
   * `ERR_CLIENT_CLOSED` when the subscriber is closed first. A rejection
   * nobody awaits is not reported as unhandled.
   */
  readonly ready: Promise<void>;
  // Settles `ready`; null once it has.
  #settleReady: { resolve: () => void; reject: (error: ClientError) => void } | null = null;
  /** Times a connection was (re-)established. */
  connections = 0;
  // The health check (#checkHealth): whether a frame was read since its
  // last tick, whether the reader waits on the consumer, and whether the
  // last tick wrote a PING.
  #readSinceCheck = false;
  #waitingForConsumer = false;
  #pinged = false;
  // Why the health check closed the connection, for connectionEvents.
  #lostReason: string | null = null;

  /** @internal Created by `createSubscriber`. */
  constructor(
    address: Address | SubscriberLocator,
    options: SubscriberOptions,
    hooks: SubscriberHooks = {},
  ) {
    // Checked first: nothing may start (a Sentinel watch, a connection)
    // for a subscriber that is not made.
    this.#reconnect = checkSubscriberOptions(options);
    this.#hooks = hooks;
    if ('locate' in address) {
      this.#locator = address;
      // Only the credentials are read from it until the first lookup.
      this.#address = { host: '', port: 0, tls: false, db: 0 };
      // On a failover, over to the new master: until Sentinel
      // reconfigures the old one, what is published on the new one never
      // reaches it.
      if (address instanceof SentinelLocator && address.role === 'master')
        this.#unwatch = address.watch(() => {
          const connection = this.#connection;
          if (connection === null) return;
          this.#lostReason = `${describeAddress(this.#address)} is no longer the master (+switch-master)`;
          connection.close();
        });
    } else {
      this.#locator = null;
      this.#address = address;
    }
    this.#options = options;
    [this.#tx, this.#rx] = mpsc.channel<Message<Payload>>(options.capacity ?? 1024);
    this.ready = new Promise((resolve, reject) => {
      this.#settleReady = { resolve, reject };
    });
    // Handled here so that a subscriber used without awaiting `ready`
    // cannot end the process with an unhandled rejection.
    this.ready.catch(() => {});
    void this.#run();
  }

  /** The channels subscribed to, or being subscribed to. */
  get channels(): readonly string[] {
    return [...this.#subscriptions.channels];
  }

  /** The patterns subscribed to, or being subscribed to. */
  get patterns(): readonly string[] {
    return [...this.#subscriptions.patterns];
  }

  /** The shard channels subscribed to (`ssubscribe`), or being subscribed to. */
  get shardChannels(): readonly string[] {
    return [...this.#subscriptions.shardChannels];
  }

  /**
   * Subscribes to more channels, now and after every reconnection.
   * Resolves once the server has confirmed it (after the connection is up,
   * when it is not yet), or once the subscriber is closed. The confirmation
   * comes after the messages published before it, in order: while the
   * message queue is full (the consumer `capacity` messages behind), the
   * socket is not read, so this waits for the consumer to read.
   *
   * @throws ReplyError (as a rejection) when the server refuses it: NOPERM
   *   for a channel the ACL user may not use, BUSY while a script runs.
   *   The channels are then wanted as the server has them, so a reconnect
   *   does not subscribe to them either. A change made while not
   *   connected goes out with the next connection's restore, which
   *   subscribes name by name: there the server may refuse some names and
   *   take the others, and `channels` says which it took. After a
   *   reconnect, a channel the server refuses (its ACL changed) is
   *   dropped from `channels`.
   */
  subscribe(...channels: string[]): Promise<void> {
    return this.#change('subscribe', channels);
  }

  /** Subscribes to glob patterns (again after every reconnection); resolves and rejects as `subscribe`. */
  psubscribe(...patterns: string[]): Promise<void> {
    return this.#change('psubscribe', patterns);
  }

  /** Unsubscribes from channels (from all when none is given); resolves and rejects as `subscribe`. */
  unsubscribe(...channels: string[]): Promise<void> {
    return this.#change('unsubscribe', channels);
  }

  /** Unsubscribes from patterns (from all when none is given); resolves and rejects as `subscribe`. */
  punsubscribe(...patterns: string[]): Promise<void> {
    return this.#change('punsubscribe', patterns);
  }

  /**
   * Subscribes to shard channels (Redis 7's sharded pub/sub, SSUBSCRIBE:
   * what SPUBLISH sends), again after every reconnection; their messages
   * come with `shard: true`. A namespace apart from `subscribe`'s: PUBLISH
   * does not reach them, nor does SPUBLISH a channel. Resolves and rejects
   * as `subscribe`. (In Redis Cluster a node takes only the shard
   * channels of the slots it serves, and one SSUBSCRIBE only channels of
   * one slot: `RedisCluster#createSubscriber` routes each to its node.)
   */
  ssubscribe(...channels: string[]): Promise<void> {
    return this.#change('ssubscribe', channels);
  }

  /** Unsubscribes from shard channels (from all when none is given); resolves and rejects as `subscribe`. */
  sunsubscribe(...channels: string[]): Promise<void> {
    return this.#change('sunsubscribe', channels);
  }

  // Records the change and writes it when connected. Not connected: the
  // next connection subscribes to every wanted name and confirms it.
  #change(kind: ChangeKind, names: string[]): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const connection = this.#connection;
    const { change, command } = this.#subscriptions.request(kind, names, connection !== null);
    // A failed write means the connection is gone: the reconnect confirms instead.
    if (command !== null) connection!.writeCommand(command).catch(() => {});
    return change.promise;
  }

  /** The next message; undefined once closed. Cancel safety: an abort takes nothing. */
  nextMessage(options?: { signal?: AbortSignal }): Promise<Message<Payload> | undefined> {
    return this.#rx.recv(options);
  }

  /** The receiving end of the message queue, for `select` with other sources. */
  get messages(): mpsc.Receiver<Message<Payload>> {
    return this.#rx;
  }

  [Symbol.asyncIterator](): AsyncIterator<Message<Payload>> {
    return this.#rx[Symbol.asyncIterator]();
  }

  /**
   * Closes the connection and ends the iteration; changes still waiting
   * for confirmation resolve. Idempotent.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopped.abort();
    this.#unwatch?.();
    this.#failReady(
      new ClientError('ERR_CLIENT_CLOSED', 'The subscriber was closed before it connected'),
    );
    this.#subscriptions.close();
    this.#connection?.close();
    this.#tx.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #failReady(error: ClientError): void {
    this.#settleReady?.reject(error);
    this.#settleReady = null;
  }

  async #run(): Promise<void> {
    const policy = this.#reconnect;
    let attempt = 0;
    let lastError: unknown = null;
    while (!this.#closed && attempt < policy.maxAttempts) {
      if (attempt > 0) {
        const base = Math.min(policy.maxDelay, policy.initialDelay * 2 ** (attempt - 1));
        await new Promise((resolve) =>
          setTimeout(resolve, timerDelay(base * (0.5 + Math.random() * 0.5))),
        );
        if (this.#closed) break;
      }
      attempt++;
      let connection: Connection;
      try {
        connection = await this.#open();
      } catch (error) {
        lastError = error;
        const failures = attempt;
        this.#report(() => ({
          event: 'connect-failed',
          attempt: failures,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
        if (!this.#closed) this.#hooks.connectionLost?.();
        // Refused credentials will be refused again: give up, as createClient does.
        if (ClientError.is(error) && error.code === 'ERR_HANDSHAKE') break;
        continue;
      }
      if (this.#closed) {
        // close() ran while this connection was being made, before there
        // was one to close: close it now, or it would keep the process up.
        connection.close();
        break;
      }
      // Attempts in a row so far, for a restore refused for now (below).
      const attemptsBefore = attempt;
      attempt = 0;
      this.connections++;
      this.#report(() => ({ event: 'connect' }));
      this.#settleReady?.resolve();
      this.#settleReady = null;
      const interval = this.#options.pingInterval ?? 0;
      let health: NodeJS.Timeout | null = null;
      if (interval > 0) {
        this.#readSinceCheck = false;
        this.#pinged = false;
        health = setInterval(() => this.#checkHealth(connection), interval);
        // The connection keeps the process alive, not its health check.
        health.unref();
      }
      await this.#read(connection);
      if (health !== null) clearInterval(health);
      this.#connection = null;
      const why = this.#lostReason;
      this.#lostReason = null;
      this.#report(() => ({
        event: 'disconnect',
        reason:
          why ?? (this.#closed ? 'the client was closed' : 'closed by the server or the network'),
        // Changes waiting for their confirmation are made again on the
        // next connection: none fails.
        inFlight: 0,
      }));
      this.#subscriptions.disconnected();
      if (!this.#closed) this.#hooks.connectionLost?.();
      const refused = this.#refusedForNow;
      if (refused !== null) {
        // Subscribing again was refused because the server could not
        // serve then (a script ran past its limit): a failed attempt, so
        // the next waits its backoff.
        this.#refusedForNow = null;
        attempt = attemptsBefore;
        lastError = new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not subscribe again: ${refused.message}`,
          { cause: refused },
        );
      }
    }
    // Connecting failed for good (ERR_NOT_CONNECTED or ERR_HANDSHAKE, as
    // connections fail), or reconnection was never tried (maxAttempts 0).
    this.#failReady(
      ClientError.is(lastError)
        ? lastError
        : new ClientError(
            'ERR_NOT_CONNECTED',
            `Not connected: ${lastError instanceof Error ? lastError.message : 'no attempt left'}`,
            { cause: lastError },
          ),
    );
    this.close();
  }

  // A tick of the health check (see `pingInterval`): anything read, or a
  // reader waiting on the consumer (the socket is then not read on
  // purpose), counts as alive; otherwise ask, and drop the connection
  // when the question went unanswered for a whole interval.
  #checkHealth(connection: Connection): void {
    if (this.#readSinceCheck || this.#waitingForConsumer) {
      this.#readSinceCheck = false;
      this.#pinged = false;
      return;
    }
    if (this.#pinged) {
      // #read then sees the end and the run loop reconnects.
      this.#lostReason = `no reply to a PING within ${this.#options.pingInterval} ms`;
      connection.close();
      return;
    }
    connection.writeCommand(this.#subscriptions.ping(HEALTH_TOKEN)).catch(() => {});
    this.#pinged = true;
  }

  // Publishes a connection event when someone listens (diagnostics.ts).
  #report(detail: () => ConnectionEventDetail): void {
    publishConnectionEvent(
      this.#locator !== null && this.#address.port === 0 ? this.#locator.describe() : this.#address,
      'subscriber',
      detail,
    );
  }

  // Connects, authenticates and subscribes to everything remembered.
  async #open(): Promise<Connection> {
    const timeoutMs = this.#options.connectTimeout ?? 10_000;
    if (this.#locator !== null) {
      // Messages are published to the master and replicated, so a
      // subscriber hears them on a replica too; the role is not checked.
      const found = await this.#locator.locate(timeoutMs, this.#stopped.signal);
      this.#address = { ...this.#address, host: found.host, port: found.port };
    }
    const startedAt = Date.now();
    const connection = await Connection.open(this.#address, {
      timeoutMs,
      tls: this.#options.tls,
      keepAlive: keepAliveOption(this.#options.keepAlive),
    });
    const password = this.#options.password ?? this.#address.password;
    const username = this.#options.username ?? this.#address.username;
    // The connection counts as up once the server has answered: AUTH,
    // or a PING without credentials. So a server that accepts and never
    // answers is a failed attempt (backoff grows), and one that wants a
    // password nobody gave fails with ERR_HANDSHAKE instead of ignoring
    // every SUBSCRIBE.
    const authenticate = password !== undefined || username !== undefined;
    const [command, expected]: [CommandArg[], string] = authenticate
      ? [authArgs(username, password), 'OK']
      : [['PING'], 'PONG'];
    const what = authenticate ? 'AUTH' : 'PING';
    const handshake = async () => {
      await connection.writeCommand(command);
      const frame = await connection.readFrame();
      if (frame === undefined)
        // Closed by the server before it answered: a failed attempt.
        throw new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not connect to ${describeAddress(this.#address)}: the connection closed during ${what}`,
        );
      const reply = frameToReply(frame);
      if (reply instanceof ReplyError) throw setUpError(what, reply);
      if (reply !== expected)
        throw new ClientError('ERR_HANDSHAKE', `${what} failed: unexpected reply ${String(reply)}`);
    };
    try {
      await handshakeWithin(
        this.#address,
        startedAt,
        timeoutMs,
        () => connection.close(),
        handshake(),
      );
    } catch (error) {
      connection.close();
      throw error;
    }
    // From here on, changes are written to this connection (#change),
    // after the restore written now, which confirms the ones made before.
    this.#connection = connection;
    // One write, however many names: a command per name (subscriptions.ts).
    const restore = this.#subscriptions.connected();
    if (restore.length > 0) connection.writeCommands(restore).catch(() => {});
    return connection;
  }

  // A `message`, `pmessage` or `smessage` frame as a Message; undefined for any other.
  #message(frame: Frame): Message<Payload> | undefined {
    const parts = bulkParts(frame);
    if (parts === null) return undefined;
    const kind = parts[0]!.toString('latin1');
    const payload = (bytes: Buffer) =>
      (this.#options.buffers === true ? bytes : bytes.toString('utf8')) as Payload;
    if (kind === 'message' && parts.length === 3)
      return { channel: parts[1]!.toString('utf8'), message: payload(parts[2]!) };
    if (kind === 'smessage' && parts.length === 3)
      return { channel: parts[1]!.toString('utf8'), message: payload(parts[2]!), shard: true };
    if (kind === 'pmessage' && parts.length === 4)
      return {
        pattern: parts[1]!.toString('utf8'),
        channel: parts[2]!.toString('utf8'),
        message: payload(parts[3]!),
      };
    return undefined;
  }

  // Forwards messages until the connection ends.
  async #read(connection: Connection): Promise<void> {
    for (;;) {
      let frame: Awaited<ReturnType<Connection['readFrame']>>;
      try {
        frame = await connection.readFrame();
      } catch (error) {
        // Bytes that are not RESP, or a frame past the decoder's limits:
        // the connection is closed, and its disconnect event says why.
        if (ProtocolError.is(error))
          this.#lostReason ??= `a frame could not be read: ${error.message}`;
        return;
      }
      if (frame === undefined || this.#closed) return;
      this.#readSinceCheck = true;
      const message = this.#message(frame);
      if (message === undefined) {
        // A confirmation, an error or a PING's reply.
        const outcome = this.#subscriptions.reply(frame);
        if (outcome.kind === 'retry') {
          this.#refusedForNow = outcome.error;
          connection.close();
          return;
        }
        if (outcome.kind === 'dropped') {
          const listener = this.#options.onShardChannelDropped;
          // Outside the reader: a listener that throws cannot stop it.
          if (listener !== undefined) queueMicrotask(() => listener(outcome.channel));
        }
        continue;
      }
      try {
        // Waits while the consumer is behind: the socket is not read meanwhile.
        this.#waitingForConsumer = true;
        await this.#tx.send(message);
      } catch {
        return;
      } finally {
        this.#waitingForConsumer = false;
      }
    }
  }
}

// The parts of an array (or push) of bulk strings; null for any other frame
// (subscribe confirmations carry an integer, so they are skipped here).
function bulkParts(frame: Frame): Buffer[] | null {
  if (frame.type !== 'array' && frame.type !== 'push') return null;
  const parts: Buffer[] = [];
  for (const item of frame.value) {
    if (item.type !== 'bulk') return null;
    parts.push(item.value);
  }
  return parts.length > 0 ? parts : null;
}

/**
 * A subscriber with its own connection that resubscribes after every
 * reconnection, to `address` or to the server Redis Sentinel names
 * (`SentinelOptions`, looked up before each connection; its `role` says
 * master or replica, either of which hears what is published).
 * `await subscriber.ready` to know the first connection is up.
 * With `buffers: true`, messages come as Buffers.
 */
export function createSubscriber(
  address: string | SentinelOptions,
  options: SubscriberOptions & { buffers: true },
): PubSubClient<Buffer>;
export function createSubscriber(
  address: string | SentinelOptions,
  options?: SubscriberOptions,
): PubSubClient;
export function createSubscriber(
  address: string | SentinelOptions,
  options: SubscriberOptions = {},
): PubSubClient<Buffer> | PubSubClient {
  const target = typeof address === 'string' ? parseAddress(address) : new SentinelLocator(address);
  // `buffers` decides the payload type, which the overloads above state.
  return options.buffers === true
    ? new PubSubClient<Buffer>(target, options)
    : new PubSubClient<string>(target, options);
}
