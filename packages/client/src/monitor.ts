/**
 * `Monitor`: a connection that sent MONITOR, reading the line the server
 * writes for every command it runs, as events: when, in which database,
 * from which client, and the command's arguments, unescaped.
 *
 * Like a `Subscriber`, it owns its connection: nothing else may be sent on
 * it. `createMonitor(address)` (client.ts) opens one; `Client#monitor()`
 * turns a direct client into one. The connection reads ahead at most
 * `READ_AHEAD_FRAMES` lines of a consumer that falls behind, then leaves
 * them to the server, which disconnects a monitor past its output limit:
 * the iteration then ends.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Frame, ProtocolError, ReplyError } from '@mini-redis/resp';
import type { Connection } from './connection.js';

/** One command the server ran, as MONITOR shows it. */
export interface MonitorEvent<Arg extends string | Buffer = string> {
  /** When the server ran it: Unix time in seconds, to the microsecond (as a double). */
  readonly time: number;
  /** The same time exactly as the server wrote it: `"1764000000.123456"`. */
  readonly timestamp: string;
  /** The database the command left selected. */
  readonly db: number;
  /** Who ran it: the client's `ip:port`, `lua` for a script, or `unix:<path>`. */
  readonly source: string;
  /**
   * The command's name and arguments, as the client sent them; UTF-8
   * text, or the bytes with `buffers: true`. Passwords of AUTH and HELLO
   * come as `(redacted)`, as the server shows them.
   */
  readonly args: Arg[];
  /** The whole line as the server wrote it (what redis-cli prints). */
  readonly line: string;
}

/** Options of `Client#monitor` and `createMonitor`. */
export interface MonitorOptions {
  /** Arguments as the bytes sent (Buffers) instead of UTF-8 text. Default false. */
  readonly buffers?: boolean;
}

/**
 * A connection in MONITOR mode: `for await (const event of monitor)`
 * yields an event per command the server runs, until the connection ends
 * (`close()`, the server closing it, or the server dropping a monitor
 * that does not keep up).
 *
 * Errors: a line that is not MONITOR's form rejects the read with the
 * resp `ProtocolError` and closes the connection; an error reply rejects
 * with `ReplyError`. A line longer than the connection's `maxLineLength`
 * ends it with a `ProtocolError` too (`createMonitor` allows 64 MiB).
 * One reader at a time: a `next()` made while another waits rejects with
 * `ClientError` `ERR_BUSY` (the connection's `readFrame` rule).
 */
export class Monitor<Arg extends string | Buffer = string>
  implements AsyncIterable<MonitorEvent<Arg>>
{
  readonly #connection: Connection;
  readonly #buffers: boolean;

  /** @internal Created by `Client#monitor` once the server replied OK. */
  constructor(connection: Connection, options: MonitorOptions = {}) {
    this.#connection = connection;
    this.#buffers = options.buffers ?? false;
  }

  /** The next event, or undefined once the connection has ended. */
  async next(): Promise<MonitorEvent<Arg> | undefined> {
    for (;;) {
      const frame = await this.#connection.readFrame();
      if (frame === undefined) return undefined;
      const event = this.#toEvent(frame);
      if (event !== undefined) return event;
    }
  }

  #toEvent(frame: Frame): MonitorEvent<Arg> | undefined {
    switch (frame.type) {
      case 'simple': {
        const event = parseMonitorLine(frame.value);
        if (event === null) {
          this.close();
          throw new ProtocolError(
            `Protocol error: not a MONITOR line: ${frame.value.slice(0, 120)}`,
          );
        }
        const args = this.#buffers ? event.args : event.args.map((arg) => arg.toString());
        return { ...event, args: args as Arg[] };
      }
      case 'error':
        throw new ReplyError(frame.value);
      case 'push':
        // RESP3 out-of-band data (client-side caching invalidations): not a command.
        return undefined;
      default:
        this.close();
        throw new ProtocolError(`Protocol error: unexpected ${frame.type} reply in MONITOR mode`);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<MonitorEvent<Arg>> {
    return {
      next: async () => {
        const event = await this.next();
        return event === undefined
          ? { done: true, value: undefined }
          : { done: false, value: event };
      },
    };
  }

  /** Closes the connection. Idempotent. */
  close(): void {
    this.#connection.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

// `1764000000.123456 [0 127.0.0.1:50000] "SET" "k" "v"` (the simple
// string's text). The source ends at the first `] "`: an IPv6 address
// (`[::1]:6379`) or a socket path holds brackets of its own.
const HEAD = /^(\d+\.\d{6}) \[(\d+) (.*?)\] "/s;

const ESCAPES: Readonly<Record<string, number>> = {
  '\\': 0x5c,
  '"': 0x22,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  a: 0x07,
  b: 0x08,
};

/**
 * Parses one MONITOR line (without `+` and CRLF) into its parts, undoing
 * Redis's quoting (`sdscatrepr`: `\\ \" \n \r \t \a \b \xhh`); null when
 * the line is not of that form.
 */
export function parseMonitorLine(line: string): MonitorEvent<Buffer> | null {
  const head = HEAD.exec(line);
  if (head === null) return null;
  const args: Buffer[] = [];
  // At the opening quote of the first argument.
  let i = head[0].length - 1;
  for (;;) {
    const bytes: number[] = [];
    for (i++; ; i++) {
      if (i >= line.length) return null;
      const char = line[i]!;
      if (char === '"') break;
      if (char !== '\\') {
        bytes.push(line.charCodeAt(i) & 0xff);
        continue;
      }
      const escaped = line[++i];
      if (escaped === 'x') {
        const hex = line.slice(i + 1, i + 3);
        if (!/^[0-9a-f]{2}$/i.test(hex)) return null;
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        const byte = escaped === undefined ? undefined : ESCAPES[escaped];
        if (byte === undefined) return null;
        bytes.push(byte);
      }
    }
    args.push(Buffer.from(bytes));
    // After the closing quote: the end, or a space and the next argument.
    if (i === line.length - 1) break;
    if (line[i + 1] !== ' ' || line[i + 2] !== '"') return null;
    i += 2;
  }
  const timestamp = head[1]!;
  return { time: Number(timestamp), timestamp, db: Number(head[2]), source: head[3]!, args, line };
}
