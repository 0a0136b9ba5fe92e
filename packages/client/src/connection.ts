/**
 * `Connection`: RESP frames over a socket, as mini-redis's `Connection`.
 *
 * Reads are buffered through the resp `FrameDecoder`: `readFrame()` returns
 * the next whole frame however the bytes arrived. At most
 * `READ_AHEAD_FRAMES` frames are read ahead of `readFrame()`; then the
 * socket is paused until the reader catches up, so a peer that sends faster
 * than the reader reads (a flood of pub/sub messages) fills the kernel's
 * buffers and then the server's, not this process's memory. mini-redis's
 * Connection gets the same by reading only when asked. Writes are encoded
 * into a reused slab and written at once. This is the bottom layer; `connect()`
 * builds the direct client on it.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { oneshot } from '@mini-redis/channels';
import {
  type CommandArg,
  CommandEncoder,
  type DecoderLimits,
  type Frame,
  FrameDecoder,
  type ProtocolError,
  ReplyEncoder,
} from '@mini-redis/resp';
import { type Address, parseAddress } from './address.js';
import { ClientError } from './errors.js';
import { openSocket } from './socket.js';

/** Frames read ahead of `readFrame()` before the socket is paused. */
export const READ_AHEAD_FRAMES = 1024;

export class Connection {
  readonly #socket: Socket;
  readonly #decoder: FrameDecoder;
  readonly #commands = new CommandEncoder();
  readonly #frames: Frame[] = [];
  #head = 0;
  #error: Error | null = null;
  #ended = false;
  #waiter: oneshot.OneshotSender<void> | null = null;
  // A readFrame() is waiting: a second would take the first one's frame.
  #reading = false;
  #paused = false;

  /** Wraps a connected socket; `limits` bound what the server's replies may be (resp's defaults). */
  constructor(socket: Socket, limits: DecoderLimits = {}) {
    this.#socket = socket;
    this.#decoder = new FrameDecoder({
      ...limits,
      onFrame: (frame) => {
        this.#frames.push(frame);
        this.#wake();
      },
      onError: (error: ProtocolError) => {
        this.#error = error;
        socket.destroy();
        this.#wake();
      },
    });
    socket.on('data', (chunk: Buffer) => {
      this.#decoder.write(chunk);
      if (this.#frames.length - this.#head >= READ_AHEAD_FRAMES && !this.#paused) {
        this.#paused = true;
        socket.pause();
      }
    });
    socket.on('error', (error) => {
      this.#error ??= error;
    });
    socket.on('close', () => {
      this.#ended = true;
      this.#wake();
    });
  }

  /**
   * Connects to `address` (`host:port`, `redis://`, `rediss://` or a Unix
   * socket: `/path`, `unix:///path`; see `parseAddress`), within
   * `timeoutMs` and over TLS with `tls` options when given, with TCP
   * keepalive as `keepAlive` says (see `SocketOptions`), and with `limits`
   * on the replies' sizes.
   */
  static async open(
    address: string | Address,
    options?: {
      timeoutMs?: number | undefined;
      tls?: ConnectionOptions | undefined;
      keepAlive?: number | false | undefined;
      limits?: DecoderLimits | undefined;
    },
  ): Promise<Connection> {
    const parsed = typeof address === 'string' ? parseAddress(address) : address;
    return new Connection(
      await openSocket(parsed, {
        timeoutMs: options?.timeoutMs,
        tls: options?.tls,
        keepAlive: options?.keepAlive,
      }),
      options?.limits,
    );
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.send(undefined);
  }

  /**
   * The next frame. Resolves `undefined` when the peer closed the connection
   * between frames; rejects with the protocol error, or with
   * `ERR_CONNECTION_LOST` when it closed in the middle of a frame.
   *
   * One reader at a time (mini-redis's `read_frame` takes `&mut self`):
   * called while another call waits, it rejects with `ClientError`
   * `ERR_BUSY` and takes nothing, rather than race the first for a frame.
   */
  async readFrame(): Promise<Frame | undefined> {
    if (this.#reading)
      throw new ClientError(
        'ERR_BUSY',
        'readFrame() was called while another readFrame() on this connection waits: one reader at a time',
      );
    for (;;) {
      if (this.#head < this.#frames.length) {
        const frame = this.#frames[this.#head++]!;
        // Compact once everything queued has been read.
        if (this.#head === this.#frames.length) {
          this.#frames.length = 0;
          this.#head = 0;
        }
        // Read again once half the read-ahead is taken.
        if (this.#paused && this.#frames.length - this.#head <= READ_AHEAD_FRAMES / 2) {
          this.#paused = false;
          this.#socket.resume();
        }
        return frame;
      }
      if (this.#error !== null && !(this.#ended && this.#decoder.idle)) throw this.#error;
      if (this.#ended) {
        if (this.#decoder.idle) return undefined;
        throw new ClientError('ERR_CONNECTION_LOST', 'Connection closed in the middle of a reply');
      }
      const [waiter, woken] = oneshot.channel<void>();
      this.#waiter = waiter;
      this.#reading = true;
      try {
        await woken;
      } finally {
        this.#reading = false;
      }
    }
  }

  /** Writes one frame. */
  writeFrame(frame: Frame): Promise<void> {
    const encoder = new ReplyEncoder(3, { slabSize: 256 });
    encoder.frame(frame);
    return this.#write(encoder.flush());
  }

  /** Writes one command (an array of bulk strings). */
  writeCommand(args: readonly CommandArg[]): Promise<void> {
    this.#commands.write(args);
    return this.#write(this.#commands.flush());
  }

  /** Writes several commands, in order, in one socket write. */
  writeCommands(commands: readonly (readonly CommandArg[])[]): Promise<void> {
    for (const args of commands) this.#commands.write(args);
    return this.#write(this.#commands.flush());
  }

  #write(bytes: Buffer): Promise<void> {
    if (this.#ended || this.#socket.destroyed) {
      return Promise.reject(new ClientError('ERR_CONNECTION_LOST', 'Connection is closed'));
    }
    return new Promise((resolve, reject) => {
      this.#socket.write(bytes, (error) =>
        error
          ? reject(new ClientError('ERR_CONNECTION_LOST', error.message, { cause: error }))
          : resolve(),
      );
    });
  }

  /** Closes the connection. Idempotent. */
  close(): void {
    this.#socket.end();
    this.#socket.destroy();
  }
}
