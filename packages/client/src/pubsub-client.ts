/**
 * `createSubscriber()`: a subscriber that survives reconnections.
 *
 * It owns a connection of its own (a subscribed connection can do nothing
 * else), remembers every channel and pattern it was asked for, and when the
 * connection drops it reconnects with backoff and jitter, authenticates,
 * and subscribes to all of them again. Messages published while it was
 * disconnected are lost: that is pub/sub's contract.
 *
 * `subscribe()` and the other three resolve once the server has confirmed
 * the change: each is followed by a `PING` with a token of its own, and
 * replies come in order, so the PING's reply means the command before it
 * took effect. A publish after `await subscriber.subscribe('news')` reaches
 * this subscriber.
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

import type { ConnectionOptions } from 'node:tls';
import { mpsc } from '@mini-redis/channels';
import { type CommandArg, type Frame, ReplyError } from '@mini-redis/resp';
import type { ReconnectOptions } from './actor/manager.js';
import { type Address, parseAddress } from './address.js';
import type { Message } from './client.js';
import { Connection } from './connection.js';
import { ClientError, setUpError } from './errors.js';
import { frameToReply } from './reply.js';
import { handshakeWithin, keepAliveOption } from './socket.js';
import { timerDelay } from './timer-delay.js';

/** Options of `createSubscriber`. */
export interface SubscriberOptions {
  readonly username?: string;
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
}

// The PING argument that confirms a change; a counter follows it.
const SYNC_TOKEN = 'mini-redis:subscriber:sync:';
// The health check's PING argument: its reply matches no change.
const HEALTH_TOKEN = 'mini-redis:subscriber:health';

interface Sync {
  readonly token: string;
  readonly resolve: () => void;
}

export class PubSubClient<Payload extends string | Buffer = string>
  implements AsyncIterable<Message<Payload>>
{
  readonly #address: Address;
  readonly #options: SubscriberOptions;
  readonly #channels = new Set<string>();
  readonly #patterns = new Set<string>();
  readonly #tx: mpsc.Sender<Message<Payload>>;
  readonly #rx: mpsc.Receiver<Message<Payload>>;
  #connection: Connection | null = null;
  #closed = false;
  // Changes waiting for the server's confirmation, in the order written;
  // at most one per caller awaiting it.
  #syncs: Sync[] = [];
  #nextToken = 0;
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

  /** @internal Created by `createSubscriber`. */
  constructor(address: Address, options: SubscriberOptions) {
    this.#address = address;
    this.#options = options;
    keepAliveOption(options.keepAlive);
    if (
      options.pingInterval !== undefined &&
      (!Number.isInteger(options.pingInterval) || options.pingInterval < 0)
    )
      throw new RangeError(
        `Expected \`pingInterval\` to be an integer >= 0, got ${String(options.pingInterval)}`,
      );
    [this.#tx, this.#rx] = mpsc.channel<Message<Payload>>(options.capacity ?? 1024);
    this.ready = new Promise((resolve, reject) => {
      this.#settleReady = { resolve, reject };
    });
    // Handled here so that a subscriber used without awaiting `ready`
    // cannot end the process with an unhandled rejection.
    this.ready.catch(() => {});
    void this.#run();
  }

  /** The channels subscribed to. */
  get channels(): readonly string[] {
    return [...this.#channels];
  }

  /**
   * Subscribes to more channels, now and after every reconnection.
   * Resolves once the server has confirmed it (after the connection is up,
   * when it is not yet), or once the subscriber is closed. The confirmation
   * comes after the messages published before it, in order: while the
   * message queue is full (the consumer `capacity` messages behind), the
   * socket is not read, so this waits for the consumer to read.
   */
  subscribe(...channels: string[]): Promise<void> {
    for (const channel of channels) this.#channels.add(channel);
    return this.#change(['SUBSCRIBE', ...channels]);
  }

  /** Subscribes to glob patterns (again after every reconnection); resolves as `subscribe`. */
  psubscribe(...patterns: string[]): Promise<void> {
    for (const pattern of patterns) this.#patterns.add(pattern);
    return this.#change(['PSUBSCRIBE', ...patterns]);
  }

  /** Unsubscribes from channels (from all when none is given); resolves as `subscribe`. */
  unsubscribe(...channels: string[]): Promise<void> {
    if (channels.length === 0) this.#channels.clear();
    for (const channel of channels) this.#channels.delete(channel);
    return this.#change(['UNSUBSCRIBE', ...channels]);
  }

  /** Unsubscribes from patterns (from all when none is given); resolves as `subscribe`. */
  punsubscribe(...patterns: string[]): Promise<void> {
    if (patterns.length === 0) this.#patterns.clear();
    for (const pattern of patterns) this.#patterns.delete(pattern);
    return this.#change(['PUNSUBSCRIBE', ...patterns]);
  }

  // Writes a change followed by its PING, and waits for the PING's reply.
  // Not connected: the next connection subscribes to the remembered sets
  // and confirms every change waiting (see #open).
  #change(command: string[]): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const token = `${SYNC_TOKEN}${this.#nextToken++}`;
    const confirmed = new Promise<void>((resolve) => this.#syncs.push({ token, resolve }));
    const connection = this.#connection;
    if (connection !== null) {
      // Both writes go out in this order, before any other: a failed write
      // means the connection is gone, and the reconnect confirms instead.
      connection.writeCommand(command).catch(() => {});
      connection.writeCommand(['PING', token]).catch(() => {});
    }
    return confirmed;
  }

  // The reply to the PING with `token` arrived: every change written up to
  // it has taken effect.
  #confirm(token: string): void {
    const index = this.#syncs.findIndex((sync) => sync.token === token);
    if (index === -1) return;
    const done = this.#syncs.splice(0, index + 1);
    for (const sync of done) sync.resolve();
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
    this.#failReady(
      new ClientError('ERR_CLIENT_CLOSED', 'The subscriber was closed before it connected'),
    );
    const syncs = this.#syncs;
    this.#syncs = [];
    for (const sync of syncs) sync.resolve();
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
    const policy = {
      initialDelay: 50,
      maxDelay: 2000,
      maxAttempts: Number.POSITIVE_INFINITY,
      ...this.#options.reconnect,
    };
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
        // Refused credentials will be refused again: give up, as createClient does.
        if (ClientError.is(error) && error.code === 'ERR_HANDSHAKE') break;
        continue;
      }
      attempt = 0;
      this.connections++;
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
      connection.close();
      return;
    }
    connection.writeCommand(['PING', HEALTH_TOKEN]).catch(() => {});
    this.#pinged = true;
  }

  // Connects, authenticates and subscribes to everything remembered.
  async #open(): Promise<Connection> {
    const startedAt = Date.now();
    const timeoutMs = this.#options.connectTimeout ?? 10_000;
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
    const [command, expected]: [CommandArg[], string] =
      password === undefined
        ? [['PING'], 'PONG']
        : [username === undefined ? ['AUTH', password] : ['AUTH', username, password], 'OK'];
    const what = password === undefined ? 'PING' : 'AUTH';
    const handshake = async () => {
      await connection.writeCommand(command);
      const frame = await connection.readFrame();
      if (frame === undefined)
        // Closed by the server before it answered: a failed attempt.
        throw new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not connect to ${this.#address.host}:${this.#address.port}: the connection closed during ${what}`,
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
    // From here on, changes are written to this connection (#change); the
    // ones made before are in the sets written now, so the PING after
    // them confirms every change still waiting.
    this.#connection = connection;
    if (this.#channels.size > 0)
      connection.writeCommand(['SUBSCRIBE', ...this.#channels]).catch(() => {});
    if (this.#patterns.size > 0)
      connection.writeCommand(['PSUBSCRIBE', ...this.#patterns]).catch(() => {});
    const waiting = this.#syncs.at(-1);
    if (waiting !== undefined) connection.writeCommand(['PING', waiting.token]).catch(() => {});
    return connection;
  }

  // Forwards messages until the connection ends.
  async #read(connection: Connection): Promise<void> {
    for (;;) {
      let frame: Awaited<ReturnType<Connection['readFrame']>>;
      try {
        frame = await connection.readFrame();
      } catch {
        return;
      }
      if (frame === undefined || this.#closed) return;
      this.#readSinceCheck = true;
      // A change's PING: a bulk `token` after the last unsubscribe...
      if (frame.type === 'bulk') {
        const text = frame.value.toString('latin1');
        if (text.startsWith(SYNC_TOKEN)) this.#confirm(text);
        continue;
      }
      const parts = bulkParts(frame);
      if (parts === null) continue;
      const kind = parts[0]!.toString('latin1');
      // ... and `pong token` while subscribed.
      if (kind === 'pong' && parts.length === 2) {
        this.#confirm(parts[1]!.toString('latin1'));
        continue;
      }
      const payload = (bytes: Buffer) =>
        (this.#options.buffers === true ? bytes : bytes.toString('utf8')) as Payload;
      let message: Message<Payload> | undefined;
      if (kind === 'message' && parts.length === 3)
        message = { channel: parts[1]!.toString('utf8'), message: payload(parts[2]!) };
      else if (kind === 'pmessage' && parts.length === 4) {
        message = {
          pattern: parts[1]!.toString('utf8'),
          channel: parts[2]!.toString('utf8'),
          message: payload(parts[3]!),
        };
      }
      if (message === undefined) continue;
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
 * reconnection. `await subscriber.ready` to know the first connection is up.
 * With `buffers: true`, messages come as Buffers.
 */
export function createSubscriber(
  address: string,
  options: SubscriberOptions & { buffers: true },
): PubSubClient<Buffer>;
export function createSubscriber(address: string, options?: SubscriberOptions): PubSubClient;
export function createSubscriber(
  address: string,
  options: SubscriberOptions = {},
): PubSubClient<Buffer> | PubSubClient {
  // `buffers` decides the payload type, which the overloads above state.
  return options.buffers === true
    ? new PubSubClient<Buffer>(parseAddress(address), options)
    : new PubSubClient<string>(parseAddress(address), options);
}
