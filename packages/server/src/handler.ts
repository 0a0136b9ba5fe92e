/**
 * `Handler`: one per connection, as in mini-redis. It reads requests with
 * the resp `RequestDecoder`, runs each command, and writes the replies
 * produced in one turn of the event loop as one socket write, at the end of
 * the turn, as Redis does (internal/deferred-flush.ts). It respects backpressure:
 * while the socket's buffer is over its high-water mark the handler stops
 * reading from that client (`pause`) until it drains, so a client that
 * does not read its replies cannot grow the server's memory.
 *
 * Subscriptions, and the MONITOR feed of a monitoring connection, are read
 * by one small task per receiver, which writes a burst of messages as one
 * write. A subscriber or monitor that falls behind the broadcast's bound
 * (LaggedError), or whose unsent output passes its class's
 * client-output-buffer-limit (output-limits.ts), is disconnected, as
 * Redis does: after the whole messages the socket already holds, never in
 * the middle of one. A command's replies past the limit close the
 * connection the same way.
 *
 * A command CLIENT PAUSE holds, or one that blocks (WAIT), makes the
 * handler keep what the client sends after it, in order, and run it when
 * the pause or the block ends; the socket is still read meanwhile, so a
 * client that leaves is seen to go, and what is kept is bounded by
 * `client-query-buffer-limit`.
 *
 * On shutdown (the server's watch channel changes) the handler stops
 * reading, writes the replies already produced, closes the socket, and
 * then releases its completion sender: the server waits for all of them.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { broadcast, mpsc, watch } from '@mini-redis/channels';
import { type ReplyEncoder, type RequestArgs, RequestDecoder } from '@mini-redis/resp';
import type { ClientEviction } from './client-eviction.js';
import { clientInfo } from './client-info.js';
import type { ConnectionBuffers } from './client-memory.js';
import type { Db } from './db.js';
import { accountUnblock, dispatch } from './dispatch.js';
import { replyBytes } from './errors.js';
import { deferFlush } from './internal/deferred-flush.js';
import { readConnection } from './internal/shared-reads.js';
import { OutputWatch } from './output-limits.js';
import type { PubSubMessage } from './pubsub.js';
import type { ServerInfo } from './server-info.js';
import type { Session } from './session.js';

export interface HandlerOptions {
  readonly socket: Socket;
  readonly session: Session;
  readonly server: ServerInfo;
  readonly db: Db;
  readonly shutdown: watch.WatchReceiver<boolean>;
  /** Held until the handler is done; the server waits for every one to close. */
  readonly done: mpsc.Sender<never>;
  /**
   * The most unsent output, in bytes, that the server may push on its own
   * (messages, MONITOR lines, invalidations) to a connection whose class
   * sets no hard limit (client-output-buffer-limit 0).
   */
  readonly pushedOutputCap: number;
  /** Read into the buffer shared by all connections (internal/shared-reads.ts). */
  readonly sharedReads: boolean;
}

// CLIENT LIST's rbp is the peak of this long a window, as Redis's.
const REPLY_PEAK_WINDOW_MS = 5000;

// Unsent replies past this many bytes are written at once, not at the end
// of the turn: a pipeline of large replies streams out while it runs.
const FLUSH_NOW_BYTES = 64 * 1024;

export class Handler {
  readonly #socket: Socket;
  readonly #session: Session;
  readonly #server: ServerInfo;
  readonly #db: Db;
  readonly #shutdown: watch.WatchReceiver<boolean>;
  readonly #done: mpsc.Sender<never>;
  readonly #pushedOutputCap: number;
  // This connection's time over its soft output limit (output-limits.ts).
  readonly #outputWatch = new OutputWatch();
  readonly #decoder: RequestDecoder;
  // The request limits the decoder applies (proto-max-bulk-len and
  // client-query-buffer-limit as they were when it was last told).
  #maxBulkLength: number;
  #maxQueryBuffer: number;
  #closed = false;
  // Commands kept while CLIENT PAUSE holds the first of them (copies: the
  // decoder's arguments are views of a shared buffer), the next to run,
  // and their bytes; null when none is held. The socket is still read, so
  // a client that leaves meanwhile is seen to go, as in Redis, and what it
  // sends is bounded as Redis bounds a query buffer.
  #held: RequestArgs[] | null = null;
  #nextHeld = 0;
  #heldBytes = 0;
  // The protocol error the input met behind the held commands (the decoder
  // reads no further): replied once they have all run, then the
  // connection closes.
  #heldError: string | null = null;
  // Ends a blocking command's wait (WAIT with a timeout); null otherwise.
  #blockTimer: NodeJS.Timeout | null = null;
  // The argument bytes of the command blocking the connection (CLIENT
  // LIST's argv-mem: Redis keeps a blocked command's arguments).
  #blockArgumentBytes = 0;
  // The largest batch of replies written at once (CLIENT LIST's rbp), in
  // the 5-second window `#replyPeakWindow` (Redis resets its peak every 5
  // seconds).
  #replyPeak = 0;
  #replyPeakWindow = 0;
  readonly #eviction: ClientEviction;

  /**
   * Takes over an accepted connection, created paused, and starts reading
   * it (into the buffer shared by all connections, or through 'data'
   * events: see internal/shared-reads.ts).
   */
  constructor(options: HandlerOptions) {
    this.#session = options.session;
    this.#server = options.server;
    this.#db = options.db;
    this.#shutdown = options.shutdown;
    this.#done = options.done;
    this.#pushedOutputCap = options.pushedOutputCap;
    const session = this.#session;
    const config = this.#server.config;
    this.#eviction = this.#server.clientEviction;
    this.#maxBulkLength = config['proto-max-bulk-len'];
    this.#maxQueryBuffer = config['client-query-buffer-limit'];
    this.#decoder = new RequestDecoder({
      onCommand: (args) => {
        // After QUIT or a kill, the rest of the pipeline is not run.
        if (session.closeAfterReply) return;
        // Behind a command CLIENT PAUSE holds, everything waits, in order.
        if (this.#held !== null) {
          this.#keep(args);
          return;
        }
        const dispatched = dispatch(this.#server, this.#db, session, args);
        // This command may have been CONFIG SET of a request limit: the
        // rest of this read is parsed under the new one, as in Redis.
        if (
          config['proto-max-bulk-len'] !== this.#maxBulkLength ||
          config['client-query-buffer-limit'] !== this.#maxQueryBuffer
        )
          this.#followLimits();
        if (!dispatched) this.#hold(args);
        else if (session.block !== null) {
          this.#blockArgumentBytes = args.totalBytes;
          this.#startBlock([]);
        }
      },
      onError: (error) => {
        // After QUIT or a kill, Redis reads no further: no error either.
        if (session.closeAfterReply) return;
        // Behind a blocked or paused command the error waits its turn, as
        // Redis parses the rest of the input only once the client runs again.
        if (this.#held !== null) {
          this.#heldError = `ERR ${error.message}`;
          return;
        }
        // Redis replies with the protocol error and closes the connection.
        session.reply.error(replyBytes(`ERR ${error.message}`));
        session.closeAfterReply = true;
      },
      maxBulkLength: this.#maxBulkLength,
      maxQueryBuffer: this.#maxQueryBuffer,
      unauthenticated: () => !session.authenticated && this.#server.acl.authRequired(),
      // Chunks live in the shared read buffer, overwritten by the next read.
      transientChunks: true,
    });
    session.onSubscribe = (receiver) => void this.#pump(receiver, () => this.#take(receiver));
    session.onMonitor = (receiver) => void this.#pump(receiver, () => this.#takeLines(receiver));
    session.deliverMessages = () => this.#deliverMessages();
    // As Redis frees another connection at once, a killed one is at once
    // no longer listed (CLIENT LIST, CLIENT KILL, INFO) nor delivered to,
    // while its socket closes.
    // CLIENT UNBLOCK from another connection: unblocked at once; the reply
    // and what waited come after that command and the rest of its input,
    // as Redis runs an unblocked client's next.
    session.unblock = (how) => {
      const block = this.#takeBlock();
      if (block !== null) queueMicrotask(() => this.#finishBlock(block, how));
    };
    session.kill = () => {
      this.#release();
      this.#close();
    };
    session.push = (write) => this.#push(write);
    session.evict = () => this.#evict();
    session.buffers = () => this.#buffers();
    // Last: reads are delivered from the next turn of the event loop on.
    this.#socket = readConnection(
      options.socket,
      (chunk) => this.#onData(chunk),
      options.sharedReads,
    );
  }

  /** Serves the connection; resolves when it has ended. */
  async run(): Promise<void> {
    const socket = this.#socket;
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.on('drain', () => {
      if (this.#closed) return;
      socket.resume();
      // Messages the pumps took while the socket was full.
      if (this.#session.reply.pendingBytes !== 0) this.#flush();
    });
    // A reset by the peer is an ordinary way for a connection to end.
    socket.on('error', () => this.#close());
    // Shutdown, or the server's watch sender closing, ends the connection;
    // the abort removes the waiter when the connection ends first.
    const stopWaiting = new AbortController();
    this.#shutdown.changed({ signal: stopWaiting.signal }).then(
      () => this.#close(),
      () => this.#close(),
    );
    await ended;
    this.#closed = true;
    stopWaiting.abort();
    this.#cleanup();
    this.#done.close();
  }

  // CLIENT PAUSE holds `first`: keep it, and wait for the pause's end
  // (client-pause.ts).
  #hold(first: RequestArgs): void {
    this.#held = [];
    this.#nextHeld = 0;
    this.#heldBytes = 0;
    this.#keep(first);
    this.#server.pause.hold(this.#session, () => this.#runHeld());
  }

  // Keeps `held` from `from` on as what waits, counted afresh.
  #keepFrom(held: RequestArgs[], from: number): void {
    const left = held.slice(from);
    this.#held = left;
    this.#nextHeld = 0;
    this.#heldBytes = left.reduce((sum, args) => sum + args.totalBytes, 0);
  }

  // A command blocked the connection (Session#block): later commands wait
  // behind it, starting with `waiting`, until its time is up; then its
  // reply is written and they run.
  #startBlock(waiting: RequestArgs[]): void {
    this.#keepFrom(waiting, 0);
    const ms = this.#session.block!.ms;
    if (ms === Number.POSITIVE_INFINITY) return;
    // setTimeout's longest delay; a longer block is as good as for ever.
    if (ms > 2_147_483_647) return;
    this.#blockTimer = setTimeout(() => {
      const block = this.#takeBlock();
      if (block !== null) this.#finishBlock(block, false);
    }, ms);
  }

  // Ends the block at once (its time is up, or CLIENT UNBLOCK), so the
  // connection no longer counts as blocked; returns it, or null when there
  // was none.
  #takeBlock(): NonNullable<Session['block']> | null {
    if (this.#blockTimer !== null) clearTimeout(this.#blockTimer);
    this.#blockTimer = null;
    const block = this.#session.block;
    this.#session.block = null;
    block?.cancel?.();
    return block;
  }

  // Writes the ended block's reply (with `error`, Redis's UNBLOCKED error
  // instead) and runs what waited behind it.
  #finishBlock(
    block: NonNullable<Session['block']>,
    how: boolean | ((reply: ReplyEncoder) => void),
  ): void {
    if (this.#closed) return;
    const reply = this.#session.reply;
    const stats = this.#server.stats;
    const errorsBefore = stats.errorReplies;
    const started = performance.now();
    if (how === true) reply.error('UNBLOCKED client unblocked via CLIENT UNBLOCK');
    else if (how === false) block.finish(reply);
    else how(reply);
    // The rest of the blocked command's run, for INFO and the slow log.
    accountUnblock(
      this.#session,
      Math.floor((performance.now() - started) * 1000),
      stats.errorReplies > errorsBefore,
      typeof how === 'function',
    );
    // Only now is the blocking command done (CLIENT REPLY SKIP held for its reply).
    this.#session.commandDone();
    this.#runHeld();
  }

  // Keeps a copy of `args` behind the held command. Past the query buffer
  // limit the connection is closed, as Redis closes a client whose query
  // buffer grows past it.
  #keep(args: RequestArgs): void {
    this.#heldBytes += args.totalBytes;
    if (this.#heldBytes > this.#server.config['client-query-buffer-limit']) {
      this.#held = null;
      this.#server.pause.release(this.#session);
      this.#session.closeAfterReply = true;
      this.#close();
      return;
    }
    this.#held!.push(args.clone());
  }

  // The pause ended: runs what was kept, in order, until done or held
  // again by a new pause; then writes the replies.
  #runHeld(): void {
    const held = this.#held;
    if (held === null || this.#closed) return;
    const session = this.#session;
    this.#server.stats.startLap();
    while (this.#nextHeld < held.length && !session.closeAfterReply) {
      if (!dispatch(this.#server, this.#db, session, held[this.#nextHeld]!)) {
        // Held again by a new pause: keep what is left, counted afresh.
        this.#keepFrom(held, this.#nextHeld);
        this.#server.pause.hold(session, () => this.#runHeld());
        this.#flush();
        return;
      }
      this.#nextHeld++;
      if (session.block !== null) {
        // A kept command blocks (WAIT): the rest waits for its end.
        this.#blockArgumentBytes = held[this.#nextHeld - 1]!.totalBytes;
        this.#startBlock(held.slice(this.#nextHeld));
        this.#flush();
        return;
      }
      // Large output streams out while the kept commands run, as a
      // pipeline's does in #onData.
      if (session.reply.pendingBytes >= FLUSH_NOW_BYTES) this.#flush();
    }
    this.#held = null;
    if (this.#heldError !== null && !session.closeAfterReply) {
      session.reply.error(replyBytes(this.#heldError));
      session.closeAfterReply = true;
    }
    this.#heldError = null;
    this.#flush();
  }

  // Whether a deferred flush is queued (internal/deferred-flush.ts).
  #flushQueued = false;
  readonly #deferredFlush = () => {
    this.#flushQueued = false;
    if (!this.#closed) this.#flush();
  };

  // CONFIG SET changed a request limit: it applies to this open
  // connection from its next command on (Redis reads them per command).
  #followLimits(): void {
    const config = this.#server.config;
    this.#maxBulkLength = config['proto-max-bulk-len'];
    this.#maxQueryBuffer = config['client-query-buffer-limit'];
    this.#decoder.setLimits({
      maxBulkLength: this.#maxBulkLength,
      maxQueryBuffer: this.#maxQueryBuffer,
    });
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    // Another connection may have changed a request limit.
    const config = this.#server.config;
    if (
      config['proto-max-bulk-len'] !== this.#maxBulkLength ||
      config['client-query-buffer-limit'] !== this.#maxQueryBuffer
    )
      this.#followLimits();
    const stats = this.#server.stats;
    stats.readsProcessed++;
    stats.netInputBytes += chunk.length;
    // The commands of this read are timed from here (ServerStats#lap).
    stats.startLap();
    this.#decoder.write(chunk);
    // Under maxmemory-clients: what this read left (an incomplete command,
    // replies not yet written) counts now.
    if (this.#eviction.enabled && !this.#closed) this.#eviction.update(this.#session);
    // The replies go out at the end of this turn of the event loop, with
    // every other connection's (see deferred-flush.ts); large output, a
    // QUIT or a protocol error at once.
    if (this.#session.reply.pendingBytes >= FLUSH_NOW_BYTES || this.#session.closeAfterReply) {
      this.#flush();
    } else if (!this.#flushQueued) {
      this.#flushQueued = true;
      deferFlush(this.#deferredFlush);
    }
  }

  // Writes every reply produced so far as one write, and honours
  // backpressure and close-after-reply.
  #flush(): void {
    const session = this.#session;
    const socket = this.#socket;
    // Replies past the connection's output limit close it instead (Redis
    // checks as it adds them, and never writes them then).
    if (session.reply.pendingBytes !== 0 && this.#overLimit(false)) {
      this.#closeOverLimit('output');
      return;
    }
    if (session.reply.pendingBytes !== 0 && !socket.destroyed) {
      if (!this.#writeOut()) socket.pause();
    }
    if (session.closeAfterReply) this.#close();
  }

  // Writes the replies produced so far in one socket write, counted in
  // INFO's network statistics; false when the socket's buffer is full.
  #writeOut(): boolean {
    const bytes = this.#session.reply.flush();
    const stats = this.#server.stats;
    stats.writesProcessed++;
    stats.netOutputBytes += bytes.length;
    // The peak for CLIENT LIST's rbp, on the clock of the last command
    // (no clock read here, on every write).
    const window = Math.floor(this.#session.lastInteraction / REPLY_PEAK_WINDOW_MS);
    if (window !== this.#replyPeakWindow) {
      this.#replyPeakWindow = window;
      this.#replyPeak = 0;
    }
    if (bytes.length > this.#replyPeak) this.#replyPeak = bytes.length;
    return this.#socket.write(bytes);
  }

  // Session#buffers (client-memory.ts): the decoder's input and the
  // commands kept waiting are the query buffer; the arguments are the
  // blocked command's, or those the decoder holds.
  #buffers(): ConnectionBuffers {
    const session = this.#session;
    const decoder = this.#decoder;
    let queryBuffer = decoder.bufferedBytes;
    const held = this.#held;
    if (held !== null)
      for (let i = this.#nextHeld; i < held.length; i++) queryBuffer += held[i]!.totalBytes;
    const window = Math.floor(Date.now() / REPLY_PEAK_WINDOW_MS);
    return {
      queryBuffer,
      awaitedInput: decoder.awaitedBytes,
      argumentBytes: session.block !== null ? this.#blockArgumentBytes : decoder.argumentBytes,
      replyBufferSize: session.reply.bufferSize,
      replyBufferPeak: window === this.#replyPeakWindow ? this.#replyPeak : 0,
      unsentOutput: session.reply.pendingBytes + this.#socket.writableLength,
      waitingToWrite: this.#socket.writableLength > 0,
    };
  }

  // Session#evict: closed at once for client eviction. The unsent output
  // is dropped and the socket destroyed, not ended: the memory it holds
  // is what must be freed, as Redis frees the client.
  #evict(): void {
    if (this.#closed) return;
    const session = this.#session;
    session.closeAfterReply = true;
    session.reply.flush();
    this.#release();
    this.#closed = true;
    this.#socket.destroy();
  }

  // Ends the connection after the replies already written are sent.
  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const socket = this.#socket;
    const session = this.#session;
    if (session.reply.pendingBytes !== 0 && !socket.destroyed) this.#writeOut();
    socket.end();
    // A peer that never reads would hold the socket open: give it a moment.
    setTimeout(() => socket.destroy(), 2000).unref();
  }

  // Session#push: a push written from outside this connection's commands
  // (a tracking invalidation), through CLIENT REPLY OFF, sent at the end
  // of the turn with the other replies. Output the peer does not read
  // past its limit (#overLimit) closes the connection, as for a
  // subscriber: invalidations must not grow the server's memory without
  // bound.
  #push(write: (reply: ReplyEncoder) => void): void {
    if (this.#closed) return;
    const reply = this.#session.reply;
    reply.unmuted(() => write(reply));
    if (this.#overLimit(true)) {
      this.#closeOverLimit('output');
      return;
    }
    if (this.#eviction.enabled) this.#eviction.update(this.#session);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      deferFlush(this.#deferredFlush);
    }
  }

  #endSubscriptions(): void {
    const session = this.#session;
    const pubsub = this.#db.pubsub;
    for (const [channel, receiver] of session.channels) pubsub.unsubscribe(channel, receiver);
    for (const [pattern, receiver] of session.patterns) pubsub.punsubscribe(pattern, receiver);
    for (const [channel, receiver] of session.shardChannels) pubsub.sunsubscribe(channel, receiver);
    session.channels.clear();
    session.patterns.clear();
    session.shardChannels.clear();
    this.#db.monitors.unsubscribe(session);
  }

  #cleanup(): void {
    this.#release();
    this.#shutdown.close();
  }

  // Takes the session out of everything that holds it. Idempotent.
  #release(): void {
    const session = this.#session;
    this.#server.pause.release(session);
    this.#takeBlock();
    this.#endSubscriptions();
    // The keyspaces would otherwise keep this session as a watcher.
    session.endTransaction();
    this.#db.tracking.disable(session);
    this.#server.sessions.delete(session.id);
    this.#server.clientEviction.forget(session);
  }

  // Forwards the messages of one subscription, or the MONITOR feed, to the
  // socket: waits until the receiver holds some, and writes all it holds
  // (`take` encodes them) as one write. While the socket is full, what it
  // takes waits in the encoder, for the drain to write; output the peer
  // has not read, there and in the socket, past its limit (#overLimit)
  // disconnects it, as Redis's output-buffer limits do.
  async #pump(receiver: { ready(): Promise<void> }, take: () => boolean): Promise<void> {
    const socket = this.#socket;
    const reply = this.#session.reply;
    for (;;) {
      await receiver.ready();
      if (this.#closed || !take()) return;
      // PUBLISH on this connection may have taken them first (see
      // #deliverMessages): then there is nothing to write.
      if (reply.pendingBytes === 0) continue;
      if (this.#overLimit(true)) {
        this.#closeOverLimit('output');
        return;
      }
      // The output limit first, then maxmemory-clients, as in Redis.
      if (this.#eviction.enabled) this.#eviction.update(this.#session);
      if (!socket.writableNeedDrain) this.#writeOut();
    }
  }

  // Whether the output not yet sent (the encoder's and the socket's)
  // closes the connection now: past its class's client-output-buffer-limit
  // (pubsub while it has a subscription, normal otherwise, MONITOR
  // included, as in Redis), or, for output the server pushes on its own
  // (`pushed`), past `pushedOutputCap` where the class sets no hard limit,
  // so that a peer that never reads cannot grow the server's memory.
  #overLimit(pushed: boolean): boolean {
    const session = this.#session;
    const limits = this.#server.outputLimits;
    const limit = session.subscribed ? limits.pubsub : limits.normal;
    // The common case on the reply path: a normal connection, no limits.
    if (limit.hard === 0 && limit.soft === 0 && !pushed) return false;
    const used = session.reply.pendingBytes + this.#socket.writableLength;
    if (limit.hard === 0 && pushed && used > this.#pushedOutputCap) return true;
    if (limit.hard === 0 && limit.soft === 0) return false;
    return this.#outputWatch.exceeded(limit, used, Date.now());
  }

  // Past the output limit the connection is closed, as Redis closes it at
  // its output-buffer limits. Its subscriptions, monitoring and key
  // tracking end at once (nothing more is taken for it); what the pumps took but never
  // handed to the socket is dropped, whole messages, so the peer reads
  // whole frames up to the end (the socket gets 2 s to send what it
  // holds: see #close).
  // `why`: past its output limits, or behind the bound of a channel's
  // messages or of the MONITOR feed (pubsubCapacity).
  #closeOverLimit(why: 'output' | 'messages' | 'monitor'): void {
    // Logged as Redis logs the first (its warning when it schedules the
    // close), with the connection as CLIENT LIST shows it.
    const client = clientInfo(this.#session, this.#server, Date.now()).trimEnd();
    this.#server.warn(
      why === 'output'
        ? `Client ${client} scheduled to be closed ASAP for overcoming of output buffer limits.`
        : `Client ${client} closed for falling behind the ${why === 'monitor' ? 'MONITOR feed' : "channel's messages"} by more than pubsubCapacity.`,
    );
    this.#session.reply.flush();
    this.#endSubscriptions();
    this.#db.tracking.disable(this.#session);
    this.#close();
  }

  // Writes into the reply encoder every message this connection's
  // subscriptions hold now: channels first, then patterns, the order Redis
  // fans a message out in. PUBLISH calls it (`Session#deliverMessages`)
  // before its own reply, because Redis puts a published message into each
  // subscriber's output at once, so a connection publishing to its own
  // subscription gets the message before PUBLISH's reply.
  #deliverMessages(): void {
    const session = this.#session;
    for (const receiver of session.channels.values()) this.#take(receiver);
    for (const receiver of session.patterns.values()) this.#take(receiver);
    for (const receiver of session.shardChannels.values()) this.#take(receiver);
    if (session.monitor !== null) this.#takeLines(session.monitor);
  }

  // Encodes the MONITOR lines `receiver` holds now; false when monitoring
  // is over (RESET closed the receiver) or the monitor fell behind the
  // feed's bound, which disconnects it, as for a subscriber.
  #takeLines(receiver: broadcast.BroadcastReceiver<string>): boolean {
    const reply = this.#session.reply;
    for (;;) {
      const result = receiver.tryRecv();
      switch (result.status) {
        case 'empty':
          return true;
        case 'closed':
          return false;
        case 'lagged':
          this.#closeOverLimit('monitor');
          return false;
      }
      reply.simple(result.value);
    }
  }

  // Encodes the messages `receiver` holds now. Returns false when the
  // subscription is over: the receiver closed (UNSUBSCRIBE), or it fell
  // behind the channel's bound (LaggedError), as over Redis's pub/sub
  // output-buffer limit, which disconnects the subscriber.
  #take(receiver: broadcast.BroadcastReceiver<PubSubMessage>): boolean {
    // Messages reach the client through CLIENT REPLY OFF, as in Redis 7.0.
    let open = true;
    this.#session.reply.unmuted(() => {
      open = this.#takeMessages(receiver);
    });
    return open;
  }

  #takeMessages(receiver: broadcast.BroadcastReceiver<PubSubMessage>): boolean {
    const reply = this.#session.reply;
    for (;;) {
      const result = receiver.tryRecv();
      switch (result.status) {
        case 'empty':
          return true;
        case 'closed':
          return false;
        case 'lagged':
          this.#closeOverLimit('messages');
          return false;
      }
      const message = result.value;
      const channel = Buffer.from(message.channel, 'latin1');
      if (message.pattern === undefined) {
        reply.pushHeader(3);
        reply.bulk(message.shard === true ? 'smessage' : 'message');
        reply.bulk(channel);
      } else {
        reply.pushHeader(4);
        reply.bulk('pmessage');
        reply.bulk(Buffer.from(message.pattern, 'latin1'));
        reply.bulk(channel);
      }
      reply.bulk(message.message);
    }
  }
}
