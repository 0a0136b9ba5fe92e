/**
 * The floor of the `client` suite's single-caller table: the least work a
 * Node program can do per round trip, so each run shows how much of the
 * time is the machine's (loopback, scheduling) rather than any client's.
 *
 * One socket read into one reused buffer through `onread` (no stream
 * machinery), each command formatted as one string and written, and its
 * reply recognised just far enough to know it is complete. No queue, no
 * pipelining, no error handling beyond failing the caller: it serves one
 * caller that awaits each reply, and is not a client anyone should use.
 *
 * @module
 */

import { connect } from 'node:net';

const CR = 13;
const PLUS = 43;
const MINUS = 45;
const COLON = 58;
const DOLLAR = 36;

/** One command at a time over one socket; see the module comment. */
export class BareSocket {
  readonly #socket;
  // The reply read so far (replies here are a few bytes: a status, an
  // error, an integer, or a short bulk string).
  readonly #reply = Buffer.alloc(1024);
  #replyLength = 0;
  #waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;

  private constructor(port: number, onConnect: () => void, onError: (error: Error) => void) {
    this.#socket = connect({
      port,
      host: '127.0.0.1',
      noDelay: true,
      onread: {
        buffer: Buffer.allocUnsafe(64 * 1024),
        callback: (bytes, buffer) => {
          this.#onBytes(buffer, bytes);
          return true;
        },
      },
    });
    this.#socket.once('connect', onConnect);
    this.#socket.on('error', (error) => {
      onError(error);
      this.#waiting?.reject(error);
      this.#waiting = null;
    });
  }

  /** Connects to 127.0.0.1:`port`. */
  static open(port: number): Promise<BareSocket> {
    return new Promise((resolve, reject) => {
      const bare: BareSocket = new BareSocket(port, () => resolve(bare), reject);
    });
  }

  /** Sends `args` (ASCII) and resolves when the whole reply has arrived. */
  command(...args: string[]): Promise<void> {
    if (this.#waiting !== null) return Promise.reject(new Error('one command at a time'));
    let text = `*${args.length}\r\n`;
    for (const arg of args) text += `$${arg.length}\r\n${arg}\r\n`;
    const reply = new Promise<void>((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
    this.#replyLength = 0;
    this.#socket.write(text, 'latin1');
    return reply;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.end(resolve));
  }

  #onBytes(buffer: Uint8Array, bytes: number): void {
    if (this.#replyLength + bytes > this.#reply.length) {
      this.#fail(new Error('reply larger than this floor measures'));
      return;
    }
    this.#reply.set(buffer.subarray(0, bytes), this.#replyLength);
    this.#replyLength += bytes;
    const complete = this.#completeLength();
    if (complete === -1) return;
    if (complete !== this.#replyLength) {
      this.#fail(new Error('bytes after the reply: only one command may be in flight'));
      return;
    }
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.resolve();
  }

  // The reply's length once it is whole; -1 while it is not.
  #completeLength(): number {
    const reply = this.#reply;
    const length = this.#replyLength;
    let lineEnd = -1;
    for (let i = 0; i + 1 < length; i++) {
      if (reply[i] === CR) {
        lineEnd = i;
        break;
      }
    }
    if (lineEnd === -1) return -1;
    const type = reply[0];
    if (type === PLUS || type === MINUS || type === COLON) return lineEnd + 2;
    if (type !== DOLLAR) {
      this.#fail(new Error(`reply type '${String.fromCharCode(type ?? 0)}' is not measured here`));
      return -1;
    }
    // `$-1` is a null; otherwise the digits are the payload's length.
    if (reply[1] === MINUS) return lineEnd + 2;
    let size = 0;
    for (let i = 1; i < lineEnd; i++) size = size * 10 + (reply[i]! - 48);
    const total = lineEnd + 2 + size + 2;
    return length >= total ? total : -1;
  }

  #fail(error: Error): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.reject(error);
    this.#socket.destroy(error);
  }
}
