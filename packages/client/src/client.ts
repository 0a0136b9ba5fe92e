/**
 * `connect()` → `Client`: mini-redis's direct client. One request at a
 * time over one `Connection`: each method writes its command and reads the
 * reply before returning. Simple and predictable; for many concurrent
 * callers use `createClient` (the actor, which pipelines).
 *
 * `subscribe()` turns the connection into a `Subscriber`, as mini-redis
 * does: a subscribed connection may only subscribe and unsubscribe.
 * `monitor()` turns it into a `Monitor` (monitor.ts), and `createMonitor()`
 * opens one.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { ConnectionOptions } from 'node:tls';
import { type CommandArg, type Frame, type Reply, ReplyError } from '@mini-redis/resp';
import { type Address, parseAddress } from './address.js';
import { Connection } from './connection.js';
import { authArgs } from './credentials.js';
import { ClientError, setUpError } from './errors.js';
import { Monitor, type MonitorOptions } from './monitor.js';
import { frameToReply } from './reply.js';
import { handshakeWithin, keepAliveOption } from './socket.js';
import { timerDelay } from './timer-delay.js';

/** Options of `connect`. */
export interface ConnectOptions {
  /**
   * The ACL user to authenticate as (default: the address's). Given
   * without a password, it authenticates with an empty one, which a user
   * with `nopass` takes; it is never ignored.
   */
  readonly username?: string;
  /** The password (default: the address's); alone, it authenticates the default user. */
  readonly password?: string;
  readonly db?: number;
  /** Milliseconds for the connect and the set-up (AUTH, SELECT) together. Default 10,000. */
  readonly connectTimeout?: number;
  /**
   * Milliseconds a command may wait for its reply; 0 (the default) for no
   * limit, as mini-redis's client. Past it the command rejects with
   * `ERR_TIMEOUT` and the connection is closed: its late reply could not
   * be told from the next command's, so later calls fail with
   * `ERR_CONNECTION_LOST` (connect again). A `Subscriber` or `Monitor`
   * made from the client waits for messages without it.
   */
  readonly commandTimeout?: number;
  /** TCP keepalive's idle time in ms, or false (as `createClient`'s). Default 5,000. */
  readonly keepAlive?: number | false;
  /** TLS options for `tls.connect`; given, the connection uses TLS (as `createClient`'s `tls`). */
  readonly tls?: ConnectionOptions;
  /**
   * The longest simple-string or error line accepted from the server, in
   * bytes; a longer one closes the connection with a `ProtocolError`.
   * Default 64 KiB; `createMonitor` raises it, since a MONITOR line is as
   * long as the command it shows.
   */
  readonly maxLineLength?: number;
}

/**
 * A message received by a subscriber: the text (UTF-8) by default, the
 * bytes as sent with `createSubscriber(address, { buffers: true })`.
 */
export interface Message<Payload extends string | Buffer = string> {
  readonly channel: string;
  readonly message: Payload;
  /** The pattern that matched, for pattern subscriptions. */
  readonly pattern?: string;
  /** True for a shard channel's message (`createSubscriber`'s `ssubscribe`: an `smessage`). */
  readonly shard?: true;
}

async function roundTrip(connection: Connection, args: readonly CommandArg[]): Promise<Frame> {
  await connection.writeCommand(args);
  let frame = await connection.readFrame();
  // After HELLO 3 and CLIENT TRACKING ON sent through command(), the
  // server pushes invalidations between replies: never a reply, skipped.
  while (frame !== undefined && isTrackingPush(frame)) frame = await connection.readFrame();
  if (frame === undefined)
    throw new ClientError(
      'ERR_CONNECTION_LOST',
      'Connection closed before the reply: the command may or may not have executed',
    );
  return frame;
}

function isTrackingPush(frame: Frame): boolean {
  if (frame.type !== 'push' || frame.value.length !== 2) return false;
  const kind = frame.value[0]!;
  if (kind.type !== 'bulk') return false;
  const text = kind.value.toString('latin1');
  return text === 'invalidate' || text === 'tracking-redir-broken';
}

function replyOf(frame: Frame, buffers = false): Reply {
  const reply = frameToReply(frame, buffers);
  if (reply instanceof ReplyError) throw reply;
  return reply;
}

/**
 * The direct client: one command at a time, from one caller at a time.
 *
 * A call made while another is in progress rejects with `ClientError`
 * `ERR_BUSY`, unsent: mini-redis's client takes `&mut self`, so Rust
 * rejects such code at compile time, and here two callers would otherwise
 * race for each other's replies. To share a connection between concurrent
 * callers, use `createClient`.
 */
export class Client {
  readonly #connection: Connection;
  readonly #commandTimeout: number;
  // A command is in progress.
  #inUse = false;
  // What the connection became (subscribe(), monitor()); null while it is ours.
  #handedTo: string | null = null;

  /** @internal Created by `connect()`. */
  constructor(connection: Connection, commandTimeout = 0) {
    this.#connection = connection;
    this.#commandTimeout = commandTimeout;
  }

  // Takes the connection for one call; throws ERR_BUSY when it is taken.
  #claim(): void {
    if (this.#handedTo !== null)
      throw new ClientError(
        'ERR_BUSY',
        `This client's connection became a ${this.#handedTo}: use that, or connect() again`,
      );
    if (this.#inUse)
      throw new ClientError(
        'ERR_BUSY',
        'A command is already in progress on this client: the direct client runs one at a time (await each call), createClient() shares a connection between callers',
      );
    this.#inUse = true;
  }

  async #roundTrip(args: readonly CommandArg[]): Promise<Frame> {
    this.#claim();
    const timeout = this.#commandTimeout;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (timeout === 0) return await roundTrip(this.#connection, args);
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // The reply may still come: only closing keeps it from being
          // taken for the next command's.
          this.#connection.close();
          reject(
            new ClientError(
              'ERR_TIMEOUT',
              `No reply within ${timeout} ms: the connection was closed, and the command may or may not have executed`,
            ),
          );
        }, timerDelay(timeout));
      });
      return await Promise.race([roundTrip(this.#connection, args), expired]);
    } finally {
      clearTimeout(timer);
      this.#inUse = false;
    }
  }

  /**
   * Runs any command and returns its reply; an error reply throws
   * `ReplyError`; a call while another is in progress, `ClientError`
   * `ERR_BUSY` (see the class).
   */
  async command(args: readonly CommandArg[]): Promise<Reply> {
    return replyOf(await this.#roundTrip(args));
  }

  /** PING, or PING message (which echoes it). */
  async ping(message?: string): Promise<string> {
    return (await this.command(message === undefined ? ['PING'] : ['PING', message])) as string;
  }

  /** GET: the value, or null. */
  async get(key: string): Promise<string | null> {
    return (await this.command(['GET', key])) as string | null;
  }

  /** GET, as a Buffer. */
  async getBuffer(key: string): Promise<Buffer | null> {
    return replyOf(await this.#roundTrip(['GET', key]), true) as Buffer | null;
  }

  /** SET, with an optional expiry in seconds (`EX`) or milliseconds (`PX`). */
  async set(
    key: string,
    value: string | Buffer,
    options?: { EX?: number; PX?: number },
  ): Promise<void> {
    const args: CommandArg[] = ['SET', key, value];
    if (options?.EX !== undefined) args.push('EX', options.EX);
    if (options?.PX !== undefined) args.push('PX', options.PX);
    await this.command(args);
  }

  /** PUBLISH: returns how many subscribers received the message. */
  async publish(channel: string, message: string | Buffer): Promise<number> {
    return (await this.command(['PUBLISH', channel, message])) as number;
  }

  /**
   * Subscribes to `channels` and turns this client into a `Subscriber`;
   * do not use the client afterwards. `backlog` bounds the messages the
   * subscriber keeps while a subscribe or unsubscribe waits for its
   * confirmation (see `Subscriber`). Rejects with `ReplyError` when the
   * server refuses (NOPERM for a channel the ACL user may not use): then
   * nothing was subscribed and the client is still usable. Rejects with
   * `ClientError` when the connection ends first.
   */
  async subscribe(
    channels: readonly string[],
    options: SubscribeOptions = {},
  ): Promise<Subscriber> {
    this.#claim();
    // From here on the connection is the subscriber's, unless refused.
    this.#handedTo = 'Subscriber';
    const subscriber = new Subscriber(this.#connection, options);
    try {
      await subscriber.subscribe(channels);
    } catch (error) {
      this.#giveBackIfRefused(error);
      throw error;
    }
    return subscriber;
  }

  /**
   * Sends MONITOR and turns this client into a `Monitor`, which reads an
   * event per command the server runs; do not use the client afterwards.
   * Rejects with `ReplyError` when the server refuses (the client is then
   * still usable), `ClientError` when the connection ends first. Lines
   * longer than the connection's `maxLineLength` end the monitor:
   * `createMonitor` allows long ones.
   */
  async monitor(options: { buffers: true }): Promise<Monitor<Buffer>>;
  async monitor(options?: MonitorOptions): Promise<Monitor>;
  async monitor(options: MonitorOptions = {}): Promise<Monitor<string | Buffer>> {
    this.#claim();
    // From here on the connection is the monitor's, unless refused.
    this.#handedTo = 'Monitor';
    let reply: Reply;
    try {
      reply = replyOf(await roundTrip(this.#connection, ['MONITOR']));
    } catch (error) {
      this.#giveBackIfRefused(error);
      throw error;
    }
    if (reply !== 'OK')
      throw new ClientError('ERR_HANDSHAKE', `Expected OK to MONITOR, got ${String(reply)}`);
    return new Monitor(this.#connection, options);
  }

  // A SUBSCRIBE or MONITOR the server refused (an error reply stands for
  // the whole command) left the connection as it was: the client takes
  // it back. Any other failure leaves it handed over.
  #giveBackIfRefused(error: unknown): void {
    if (!(error instanceof ReplyError)) return;
    this.#handedTo = null;
    this.#inUse = false;
  }

  /** Closes the connection. */
  close(): void {
    this.#connection.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** Options of `Client#subscribe`. */
export interface SubscribeOptions {
  /**
   * Messages kept while a subscribe or unsubscribe waits for its
   * confirmation. Default 1,024.
   */
  readonly backlog?: number;
}

/**
 * A connection in subscribe mode: `for await (const message of subscriber)`
 * yields messages until it is closed.
 *
 * A subscribe or unsubscribe reads up to its confirmation, so messages
 * published before it are taken off the socket and kept for
 * `nextMessage()`. That backlog is bounded (`backlog`, default 1,024):
 * when it fills before the confirmation comes, the subscriber closes its
 * connection and the change rejects with `ClientError` `ERR_BACKLOG_FULL`,
 * as Redis disconnects a subscriber over its output-buffer limit. The
 * messages already read are still handed out, in order, then the
 * iteration ends (when `Client#subscribe` itself fails this way, there is
 * no subscriber to read them from). Reading messages while changing
 * subscriptions avoids it.
 *
 * Changing subscriptions while another task iterates is allowed: the
 * connection has one reader at a time, so whoever waits for a frame
 * shares the read in progress (`#pump`). Each frame read goes where it
 * belongs: a message to the backlog that `nextMessage()` takes from, in
 * order; a confirmation, or an error reply, to the oldest change still
 * waiting for one.
 */
export class Subscriber implements AsyncIterable<Message> {
  readonly #connection: Connection;
  readonly #channels = new Set<string>();
  // Messages read and not yet taken by nextMessage().
  readonly #backlog: Message[] = [];
  readonly #backlogLimit: number;
  // Changes written and not yet confirmed, oldest first: replies come in order.
  readonly #changes: PendingChange[] = [];
  // The frame read in progress, shared by everyone waiting for one.
  #reading: Promise<void> | null = null;
  #ended = false;

  /** @internal Created by `Client#subscribe`. */
  constructor(connection: Connection, options: SubscribeOptions = {}) {
    const { backlog = 1024 } = options;
    if (!Number.isInteger(backlog) || backlog < 1)
      throw new RangeError(`backlog must be a positive integer, got ${backlog}`);
    this.#connection = connection;
    this.#backlogLimit = backlog;
  }

  /** The channels subscribed to now. */
  get channels(): readonly string[] {
    return [...this.#channels];
  }

  /** Subscribes to more channels; resolves once the server confirmed each. */
  async subscribe(channels: readonly string[]): Promise<void> {
    if (channels.length === 0) return;
    await this.#change('subscribe', channels, channels.length);
    for (const channel of channels) this.#channels.add(channel);
  }

  /** Unsubscribes from `channels`, or from all when none is given. */
  async unsubscribe(channels: readonly string[] = []): Promise<void> {
    // From all: as many confirmations as the server has channels, which a
    // subscribe still in flight may have added to; the last says 0 left.
    await this.#change('unsubscribe', channels, channels.length === 0 ? 'all' : channels.length);
    if (channels.length === 0) this.#channels.clear();
    for (const channel of channels) this.#channels.delete(channel);
  }

  // Writes SUBSCRIBE or UNSUBSCRIBE and reads until its `count`
  // confirmations came (or its error reply, or the end).
  async #change(
    kind: ChangeKind,
    channels: readonly string[],
    count: number | 'all',
  ): Promise<void> {
    const change: PendingChange = {
      kind,
      remaining: count === 'all' ? 1 : count,
      untilNone: count === 'all',
      error: null,
    };
    // Queued before the write, so a confirmation read at once finds it.
    this.#changes.push(change);
    try {
      await this.#connection.writeCommand([kind.toUpperCase(), ...channels]);
      while (change.remaining > 0 && change.error === null) await this.#pump();
    } finally {
      const index = this.#changes.indexOf(change);
      if (index !== -1) this.#changes.splice(index, 1);
    }
    if (change.error !== null) throw change.error;
  }

  // Waits for the next frame to be read and dispatched: the read in
  // progress when there is one, else a new one. Rejects as the read does.
  #pump(): Promise<void> {
    this.#reading ??= this.#readOne().finally(() => {
      this.#reading = null;
    });
    return this.#reading;
  }

  async #readOne(): Promise<void> {
    const frame = await this.#connection.readFrame();
    if (frame === undefined) {
      this.#ended = true;
      for (const change of this.#changes)
        change.error ??= new ClientError(
          'ERR_CONNECTION_LOST',
          `Connection closed before ${change.kind} was confirmed`,
        );
      return;
    }
    const oldest = this.#changes.find((change) => change.error === null && change.remaining > 0);
    let reply: Reply;
    try {
      reply = replyOf(frame);
    } catch (error) {
      // An error reply answers the oldest change (a refused SUBSCRIBE);
      // with none waiting, whoever reads gets it.
      if (oldest === undefined) throw error;
      oldest.error = error as Error;
      return;
    }
    if (!Array.isArray(reply)) {
      if (oldest !== undefined)
        oldest.error = new ClientError(
          'ERR_HANDSHAKE',
          `Expected a ${oldest.kind} confirmation, got ${String(reply)}`,
        );
      return;
    }
    const message = toMessage(reply);
    if (message === undefined) {
      if (oldest !== undefined && reply[0] === oldest.kind) {
        // Each confirmation carries the count of subscriptions left.
        if (!oldest.untilNone || reply[2] === 0) oldest.remaining--;
      }
      return;
    }
    this.#backlog.push(message);
    if (oldest !== undefined && this.#backlog.length >= this.#backlogLimit) {
      // The confirmation may be behind any number of messages: give up
      // the connection rather than the bound. What was taken off the
      // socket stays readable, in order.
      this.#connection.close();
      for (const change of this.#changes)
        change.error ??= new ClientError(
          'ERR_BACKLOG_FULL',
          `${this.#backlogLimit} unread messages arrived while ${change.kind} waited for its confirmation; the subscriber closed its connection`,
        );
    }
  }

  /**
   * The next message, or undefined once the connection is closed. May be
   * called while a subscribe or unsubscribe is in progress, and by more
   * than one task (each message goes to one of them, in order).
   */
  async nextMessage(): Promise<Message | undefined> {
    for (;;) {
      const queued = this.#backlog.shift();
      if (queued !== undefined) return queued;
      if (this.#ended) return undefined;
      await this.#pump();
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Message> {
    return {
      next: async () => {
        const message = await this.nextMessage();
        return message === undefined
          ? { done: true, value: undefined }
          : { done: false, value: message };
      },
    };
  }

  /** Closes the connection. */
  close(): void {
    this.#connection.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

type ChangeKind = 'subscribe' | 'unsubscribe';

// A SUBSCRIBE or UNSUBSCRIBE waiting for its confirmations.
interface PendingChange {
  readonly kind: ChangeKind;
  remaining: number;
  // UNSUBSCRIBE from all: done at the confirmation that leaves none.
  readonly untilNone: boolean;
  error: Error | null;
}

function toMessage(reply: Reply[]): Message | undefined {
  if (reply[0] === 'message' && reply.length === 3)
    return { channel: String(reply[1]), message: String(reply[2]) };
  if (reply[0] === 'pmessage' && reply.length === 4) {
    return { pattern: String(reply[1]), channel: String(reply[2]), message: String(reply[3]) };
  }
  return undefined;
}

/**
 * Connects the direct client. Address forms: `host:port`,
 * `redis://[user:password@]host:port/db`, `rediss://...` (TLS), and a Unix
 * socket's path (`/run/redis.sock`, `unix:///run/redis.sock?db=2`).
 * Authenticates and selects the database when the address or options say so.
 */
export async function connect(address: string, options: ConnectOptions = {}): Promise<Client> {
  const parsed: Address = parseAddress(address);
  const commandTimeout = options.commandTimeout ?? 0;
  if (!Number.isInteger(commandTimeout) || commandTimeout < 0)
    throw new RangeError(
      `Expected \`commandTimeout\` to be an integer >= 0, got ${String(options.commandTimeout)}`,
    );
  const startedAt = Date.now();
  const timeoutMs = options.connectTimeout ?? 10_000;
  const connection = await Connection.open(parsed, {
    timeoutMs,
    tls: options.tls,
    keepAlive: keepAliveOption(options.keepAlive),
    limits: options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength },
  });
  const client = new Client(connection, commandTimeout);
  const setUp = async () => {
    const password = options.password ?? parsed.password;
    const username = options.username ?? parsed.username;
    if (password !== undefined || username !== undefined)
      await client.command(authArgs(username, password));
    const db = options.db ?? parsed.db;
    if (db !== 0) await client.command(['SELECT', db]);
  };
  try {
    // connectTimeout covers the set-up too: a server that accepts and
    // never answers fails here with ERR_NOT_CONNECTED.
    await handshakeWithin(parsed, startedAt, timeoutMs, () => client.close(), setUp());
  } catch (error) {
    client.close();
    if (error instanceof ReplyError) throw setUpError('Connection set-up', error);
    if (ClientError.is(error) && error.code === 'ERR_NOT_CONNECTED') throw error;
    throw new ClientError(
      'ERR_HANDSHAKE',
      `Connection set-up failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return client;
}

/** The longest MONITOR line `createMonitor` accepts unless told: 64 MiB. */
const MONITOR_LINE_LENGTH = 64 * 1024 * 1024;

/**
 * Opens a connection of its own to `address` and turns it into a `Monitor`
 * (see `Client#monitor`): authenticated as the address or options say,
 * and accepting lines up to `maxLineLength` (default 64 MiB, since a line
 * holds the whole command it shows).
 */
export async function createMonitor(
  address: string,
  options: ConnectOptions & { buffers: true },
): Promise<Monitor<Buffer>>;
export async function createMonitor(
  address: string,
  options?: ConnectOptions & MonitorOptions,
): Promise<Monitor>;
export async function createMonitor(
  address: string,
  options: ConnectOptions & MonitorOptions = {},
): Promise<Monitor<string | Buffer>> {
  const client = await connect(address, {
    ...options,
    maxLineLength: options.maxLineLength ?? MONITOR_LINE_LENGTH,
  });
  try {
    return await client.monitor(options);
  } catch (error) {
    client.close();
    throw error;
  }
}
