/**
 * Encoding replies, for servers, in the protocol each connection speaks.
 *
 * A connection starts in RESP2 and may switch to RESP3 with `HELLO 3`. The
 * encoder writes each RESP3 type in its RESP3 form, or degrades it the way
 * Redis does for RESP2:
 *
 * | type | RESP3 | RESP2 |
 * |---|---|---|
 * | null | `_` | `$-1` (a null array: `*-1`) |
 * | map | `%n` + n pairs | `*2n` + the pairs flattened |
 * | set | `~n` | `*n` |
 * | push | `>n` | `*n` |
 * | boolean | `#t` / `#f` | `:1` / `:0` |
 * | double | `,3.14` (`inf`, `-inf`, `nan`) | bulk string `$4\r\n3.14` |
 * | big number | `(123...` | bulk string |
 * | verbatim | `=n\r\ntxt:...` | bulk string of the text |
 * | blob error | `!n\r\n...` | `-...` (CR and LF replaced by spaces) |
 * | attribute | `\|n` + pairs, then the value | the value alone |
 *
 * Like `CommandEncoder`, it writes into a slab and `flush()` hands out all
 * replies written since the last flush as one Buffer: one socket write per
 * batch of replies.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Frame } from './frame.js';
import { SlabWriter, utf8Length } from './internal/slab-writer.js';

/** The protocol version a connection speaks. */
export type Protocol = 2 | 3;

const SIMPLE = 43;
const ERROR = 45;
const INTEGER = 58;
const BULK = 36;
const ARRAY = 42;
const MAP = 37;
const SET = 126;
const PUSH = 62;
const ATTRIBUTE = 124;
const CR = 13;
const LF = 10;
const SPACE = 32;

const NULL_RESP3 = Buffer.from('_\r\n');
const NULL_BULK = Buffer.from('$-1\r\n');
const NULL_ARRAY = Buffer.from('*-1\r\n');
const OK = Buffer.from('+OK\r\n');

// Simple strings and errors are one line: Redis turns CR and LF into spaces.
function oneLine(text: string): string {
  return text.includes('\r') || text.includes('\n') ? text.replace(/[\r\n]/g, ' ') : text;
}

/** Formats a double as RESP3 does, and as the text RESP2 sends in a bulk string. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** Writes replies for one connection. */
export class ReplyEncoder {
  // Where writes go: `#output`, or while muted a scratch writer whose
  // bytes are dropped. Swapping the target keeps the write methods free of
  // any check: muting costs nothing on the hot path.
  #writer: SlabWriter;
  readonly #output: SlabWriter;
  #scratch: SlabWriter | null = null;
  /** The protocol replies are written in; `HELLO` changes it. */
  protocol: Protocol;

  constructor(protocol: Protocol = 2, options?: { slabSize?: number }) {
    this.protocol = protocol;
    this.#output = new SlabWriter(options?.slabSize);
    this.#writer = this.#output;
  }

  /**
   * While true, what is written is dropped (a server's CLIENT REPLY OFF
   * and SKIP), except inside `unmuted`. Setting it, to either value,
   * forgets what was dropped, so a connection muted for long holds no
   * more than its largest reply.
   */
  get muted(): boolean {
    return this.#writer !== this.#output;
  }

  set muted(on: boolean) {
    if (on) {
      this.#scratch ??= new SlabWriter(1024);
      this.#writer = this.#scratch;
    } else {
      this.#writer = this.#output;
    }
    this.#scratch?.rollback(0);
  }

  /**
   * Runs `write` with what it writes kept even while muted: for the
   * messages a connection gets without asking (pushes), which Redis sends
   * through CLIENT REPLY OFF.
   */
  unmuted(write: () => void): void {
    const writer = this.#writer;
    this.#writer = this.#output;
    try {
      write();
    } finally {
      this.#writer = writer;
    }
  }

  /** `+OK` */
  ok(): void {
    this.#writer.bytes(OK);
  }

  /**
   * A simple string (`+text`); CR and LF become spaces. A string is
   * written as UTF-8; bytes are written as they are (a status a script
   * returns, whose text is bytes).
   */
  simple(text: string | Uint8Array): void {
    if (typeof text === 'string') this.#line(SIMPLE, oneLine(text));
    else this.#byteLine(SIMPLE, text);
  }

  /**
   * An error reply (`-CODE message`). `message` is written as given, so it
   * should start with its code (`ERR`, `WRONGTYPE`, ...); CR and LF become
   * spaces. A string is written as UTF-8; bytes are written as they are,
   * for a message that quotes a client's bytes (Redis's
   * `unknown command 'ÿ'` sends the byte it received, not its UTF-8).
   */
  error(message: string | Uint8Array): void {
    if (typeof message === 'string') this.#line(ERROR, oneLine(message));
    else this.#byteLine(ERROR, message);
  }

  // `prefix`, the bytes with CR and LF as spaces, CRLF.
  #byteLine(prefix: number, bytes: Uint8Array): void {
    const writer = this.#writer;
    writer.reserve(bytes.length + 3);
    writer.byte(prefix);
    let line = bytes;
    if (bytes.includes(CR) || bytes.includes(LF)) {
      line = Uint8Array.from(bytes, (byte) => (byte === CR || byte === LF ? SPACE : byte));
    }
    writer.bytes(line);
    writer.crlf();
  }

  /** An integer (`:n`). */
  integer(value: number | bigint): void {
    if (typeof value === 'number') {
      this.#writer.header(INTEGER, value);
    } else {
      this.#line(INTEGER, value.toString());
    }
  }

  /** A bulk string; `null` writes the null bulk (`$-1` in RESP2, `_` in RESP3). */
  bulk(value: Uint8Array | string | null): void {
    const writer = this.#writer;
    if (value === null) {
      writer.bytes(this.protocol === 3 ? NULL_RESP3 : NULL_BULK);
      return;
    }
    if (typeof value === 'string') {
      const length = utf8Length(value);
      writer.header(BULK, length);
      writer.utf8(value, length);
    } else {
      writer.header(BULK, value.length);
      writer.bytes(value);
    }
    writer.reserve(2);
    writer.crlf();
  }

  /** The null reply: `_` in RESP3, `$-1` in RESP2. */
  null(): void {
    this.#writer.bytes(this.protocol === 3 ? NULL_RESP3 : NULL_BULK);
  }

  /** The null array: `_` in RESP3, `*-1` in RESP2. */
  nullArray(): void {
    this.#writer.bytes(this.protocol === 3 ? NULL_RESP3 : NULL_ARRAY);
  }

  /** The header of an array of `length` elements; write the elements next. */
  arrayHeader(length: number): void {
    this.#writer.header(ARRAY, length);
  }

  /** The header of a map of `length` pairs; write key, value, key, value... next. */
  mapHeader(length: number): void {
    if (this.protocol === 3) this.#writer.header(MAP, length);
    else this.#writer.header(ARRAY, length * 2);
  }

  /** The header of a set of `length` elements. */
  setHeader(length: number): void {
    this.#writer.header(this.protocol === 3 ? SET : ARRAY, length);
  }

  /** The header of a push message of `length` elements (a plain array in RESP2). */
  pushHeader(length: number): void {
    this.#writer.header(this.protocol === 3 ? PUSH : ARRAY, length);
  }

  /** A boolean: `#t`/`#f` in RESP3, `:1`/`:0` in RESP2. */
  boolean(value: boolean): void {
    if (this.protocol === 3) this.#writer.ascii(value ? '#t\r\n' : '#f\r\n');
    else this.#writer.ascii(value ? ':1\r\n' : ':0\r\n');
  }

  /**
   * A double: `,3.14` in RESP3, a bulk string in RESP2. The digits are
   * `formatDouble(value)`'s (the shortest text that reads back as
   * `value`) unless `text` gives them: a server answering as Redis 7.0
   * does sends `%.17g`'s (`1.1000000000000001`).
   */
  double(value: number, text: string = formatDouble(value)): void {
    if (this.protocol === 3) this.#line(44, text);
    else this.bulk(text);
  }

  /** A big number: `(digits` in RESP3, a bulk string in RESP2. */
  bigNumber(value: bigint): void {
    if (this.protocol === 3) this.#line(40, value.toString());
    else this.bulk(value.toString());
  }

  /** A verbatim string with a three-letter `format` (`txt`, `mkd`); a bulk string in RESP2. */
  verbatim(format: string, text: Uint8Array | string): void {
    if (this.protocol !== 3) {
      this.bulk(text);
      return;
    }
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const writer = this.#writer;
    writer.header(61, bytes.length + 4);
    writer.ascii(`${format.slice(0, 3).padEnd(3, ' ')}:`);
    writer.bytes(bytes);
    writer.reserve(2);
    writer.crlf();
  }

  /** Writes a whole frame, degrading RESP3 types in RESP2 as the table above says. */
  frame(frame: Frame): void {
    switch (frame.type) {
      case 'simple':
        this.simple(frame.value);
        return;
      case 'error':
        this.error(frame.value);
        return;
      case 'integer':
        this.integer(frame.value);
        return;
      case 'bulk':
        this.bulk(frame.value);
        return;
      case 'null-bulk':
        this.#writer.bytes(NULL_BULK);
        return;
      case 'null-array':
        this.#writer.bytes(NULL_ARRAY);
        return;
      case 'null':
        this.null();
        return;
      case 'boolean':
        this.boolean(frame.value);
        return;
      case 'double':
        this.double(frame.value);
        return;
      case 'bignum':
        this.bigNumber(frame.value);
        return;
      case 'blob-error':
        if (this.protocol === 3) {
          this.#writer.header(33, frame.value.length);
          this.#writer.bytes(frame.value);
          this.#writer.reserve(2);
          this.#writer.crlf();
        } else {
          this.error(frame.value.toString('utf8'));
        }
        return;
      case 'verbatim':
        this.verbatim(frame.format, frame.value);
        return;
      case 'array':
        this.arrayHeader(frame.value.length);
        for (const item of frame.value) this.frame(item);
        return;
      case 'set':
        this.setHeader(frame.value.length);
        for (const item of frame.value) this.frame(item);
        return;
      case 'push':
        this.pushHeader(frame.value.length);
        for (const item of frame.value) this.frame(item);
        return;
      case 'map':
        this.mapHeader(frame.value.length);
        for (const [key, value] of frame.value) {
          this.frame(key);
          this.frame(value);
        }
        return;
      case 'attribute':
        if (this.protocol === 3) {
          this.#writer.header(ATTRIBUTE, frame.attributes.length);
          for (const [key, value] of frame.attributes) {
            this.frame(key);
            this.frame(value);
          }
        }
        this.frame(frame.value);
        return;
    }
  }

  /** Bytes written since the last flush. */
  get pendingBytes(): number {
    return this.#output.length;
  }

  /**
   * The size of the buffer replies are written into now (a server's
   * CLIENT LIST `rbs`): `slabSize` to start, larger after a batch of
   * replies that needed more.
   */
  get bufferSize(): number {
    return this.#output.capacity;
  }

  /**
   * Everything written since the last flush, as one Buffer that later
   * writes never touch.
   */
  flush(): Buffer {
    return this.#output.flush();
  }

  #line(type: number, text: string): void {
    const writer = this.#writer;
    const length = utf8Length(text);
    writer.reserve(length + 3);
    writer.byte(type);
    writer.utf8(text, length);
    writer.crlf();
  }
}

/** Encodes one frame into a Buffer of its own. */
export function encodeFrame(frame: Frame, protocol: Protocol = 3): Buffer {
  const encoder = new ReplyEncoder(protocol, { slabSize: 256 });
  encoder.frame(frame);
  return encoder.flush();
}
