/**
 * `RequestDecoder`: the server side of RESP. Clients send each command as
 * an array of bulk strings, or as an inline line (telnet, redis-benchmark's
 * `PING_INLINE`):
 *
 * ```text
 * *3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n
 * SET key "hello world"\r\n
 * ```
 *
 * It follows Redis's `processMultibulkBuffer` and `processInlineBuffer`:
 * the same limits, the same error texts (`Protocol error: invalid bulk
 * length`, `Protocol error: expected '$', got 'x'`, ...), empty lines and
 * `*0`/`*-1` ignored, counts and lengths read as `string2ll` reads them
 * (no leading zero). It is as lax as Redis, too, since a client that
 * works against Redis must work here: a count or length line ends at its
 * first CR and the byte after it is skipped unread, and so are the two
 * bytes after a payload; a NUL byte before a line's end hides the end
 * (Redis finds it with `strchr`), so only the size limit ends the wait.
 * The server's differential tests send mangled requests to both. Commands come out as a `RequestArgs` view over the
 * input chunks: no array or Buffer is allocated per argument.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { ProtocolError } from './errors.js';
import { splitInlineArgs } from './inline.js';
import { copyBytes } from './internal/bytes.js';
import { parseRequestLength } from './internal/numbers.js';
import { ShortStrings } from './internal/short-strings.js';

const EMPTY = new Uint8Array(0);

/** The arguments of one command. Valid only during the `onCommand` call (`clone()` keeps them). */
export class RequestArgs {
  // Argument i is (#foreign[i] ?? #base)[#starts[i], #ends[i]). A command
  // that lies whole in one chunk has every argument in #base and writes
  // only offsets: storing a chunk pointer per argument costs a write
  // barrier each (measured on request decoding).
  #base: Uint8Array = EMPTY;
  #foreign: (Uint8Array | undefined)[] = [];
  #hasForeign = false;
  #starts: number[] = [];
  #ends: number[] = [];
  #count = 0;
  /** @internal Short strings cut from the chunk being decoded (see internal/short-strings.ts). */
  readonly _strings = new ShortStrings();

  /** How many arguments, the command name included. */
  get length(): number {
    return this.#count;
  }

  #source(i: number): Buffer {
    return (this.#hasForeign ? (this.#foreign[i] ?? this.#base) : this.#base) as Buffer;
  }

  /** Argument `i` as a view of the input: copy it (`copy(i)`) to keep it past the callback. */
  buffer(i: number): Buffer {
    return this.#source(i).subarray(this.#starts[i], this.#ends[i]);
  }

  /** Argument `i` as a Buffer of its own. */
  copy(i: number): Buffer {
    return copyBytes(this.#source(i), this.#starts[i]!, this.#ends[i]!);
  }

  /** Argument `i` decoded as UTF-8. */
  string(i: number): string {
    return this._strings.utf8(this.#source(i), this.#starts[i]!, this.#ends[i]!);
  }

  /** Argument `i` as Latin-1 (one char per byte): exact for binary keys, cheap for ASCII. */
  latin1(i: number): string {
    return this._strings.latin1(this.#source(i), this.#starts[i]!, this.#ends[i]!);
  }

  /** True when argument `i` is exactly `bytes` (no string is made: for lookups on the hot path). */
  equals(i: number, bytes: Uint8Array): boolean {
    const start = this.#starts[i]!;
    const length = this.#ends[i]! - start;
    if (length !== bytes.length) return false;
    const source = this.#source(i);
    for (let j = 0; j < length; j++) if (source[start + j] !== bytes[j]) return false;
    return true;
  }

  /** Byte length of argument `i`. */
  byteLength(i: number): number {
    return this.#ends[i]! - this.#starts[i]!;
  }

  /** The byte lengths of all the arguments, summed (Redis's `argv_len_sum`). */
  get totalBytes(): number {
    let total = 0;
    for (let i = 0; i < this.#count; i++) total += this.#ends[i]! - this.#starts[i]!;
    return total;
  }

  /** Every argument copied into its own Buffer. */
  toArray(): Buffer[] {
    const args: Buffer[] = [];
    for (let i = 0; i < this.#count; i++) args.push(this.copy(i));
    return args;
  }

  /**
   * A copy of these arguments that owns its bytes, all of them in one new
   * Buffer, and stays valid after the `onCommand` call: for a command that
   * must be kept and run later, as MULTI's queue does.
   */
  clone(): RequestArgs {
    let total = 0;
    for (let i = 0; i < this.#count; i++) total += this.#ends[i]! - this.#starts[i]!;
    // One allocation for the whole command, not one per argument.
    const whole = Buffer.allocUnsafe(total);
    const clone = new RequestArgs();
    clone._setBase(whole);
    let at = 0;
    for (let i = 0; i < this.#count; i++) {
      const start = this.#starts[i]!;
      const end = this.#ends[i]!;
      whole.set(this.#source(i).subarray(start, end), at);
      clone._pushLocal(at, at + end - start);
      at += end - start;
    }
    return clone;
  }

  /** @internal Sets the chunk that `_pushLocal` arguments lie in; the list must be empty. */
  _setBase(base: Uint8Array): void {
    this.#base = base;
  }

  /** @internal Adds an argument lying in the base chunk. */
  _pushLocal(start: number, end: number): void {
    const i = this.#count++;
    this.#starts[i] = start;
    this.#ends[i] = end;
  }

  /** @internal Adds an argument lying in `buffer`. */
  _push(buffer: Uint8Array, start: number, end: number): void {
    const i = this.#count++;
    if (buffer !== this.#base) {
      this.#foreign[i] = buffer;
      this.#hasForeign = true;
    }
    this.#starts[i] = start;
    this.#ends[i] = end;
  }

  /**
   * @internal Gives every argument that lies in `chunk` a copy of its own,
   * so the caller may overwrite `chunk` (see `transientChunks`).
   */
  _own(chunk: Uint8Array): void {
    for (let i = 0; i < this.#count; i++) {
      const source = this.#source(i);
      if (source.buffer !== chunk.buffer) continue;
      const copy = copyBytes(source, this.#starts[i]!, this.#ends[i]!);
      this.#foreign[i] = copy;
      this.#hasForeign = true;
      this.#starts[i] = 0;
      this.#ends[i] = copy.length;
    }
    if (this.#base.buffer === chunk.buffer) this.#base = EMPTY;
  }

  /** @internal */
  _clear(): void {
    // Drop references to chunks so a long-idle connection does not pin them.
    if (this.#hasForeign) {
      this.#foreign.fill(undefined, 0, this.#count);
      this.#hasForeign = false;
    }
    this.#base = EMPTY;
    this.#count = 0;
  }
}

/** Options of `RequestDecoder`. */
export interface RequestDecoderOptions {
  /** Receives each complete command, in order. `args` is reused: copy what you keep. */
  readonly onCommand: (args: RequestArgs) => void;
  /** Receives the first protocol error; Redis replies with its message and closes the connection. */
  readonly onError: (error: ProtocolError) => void;
  /** Largest argument, in bytes. Default 512 MiB (`proto-max-bulk-len`). */
  readonly maxBulkLength?: number;
  /** Longest inline command or header line. Default 64 KiB (`PROTO_INLINE_MAX_SIZE`). */
  readonly maxInlineLength?: number;
  /** Most arguments in one command. Default 2^31 - 1. */
  readonly maxArgs?: number;
  /** Most bytes one command may hold while incomplete. Default 1 GiB (`client-query-buffer-limit`). */
  readonly maxQueryBuffer?: number;
  /**
   * When it returns true, Redis's limits for unauthenticated clients apply:
   * at most 10 arguments and 16 KiB per argument.
   */
  readonly unauthenticated?: () => boolean;
  /**
   * True when the caller overwrites each chunk after `write` returns (one
   * read buffer reused for every read, as with `net.Socket`'s `onread`).
   * The decoder then copies what it keeps between calls: the part of a
   * command that the chunk ended in the middle of. Default false: it keeps
   * views of the chunks, which costs nothing while they stay unchanged.
   */
  readonly transientChunks?: boolean;
}

const CR = 13;
const LF = 10;
const ARRAY = 42;
const DOLLAR = 36;

// What the decoder is waiting for.
const COMMAND = 0; // the first byte of a command
const BULK_HEADER = 1; // `$n` of the next argument
const BULK_PAYLOAD = 2; // the bytes of an argument, and their CRLF

/** What the line scanners return when a NUL byte comes before the line's end. */
const BLOCKED = -1;

// The index of the first LF in buf[pos, length): `length` when there is
// none, BLOCKED when a NUL byte comes first (Redis finds line ends with
// strchr, which stops at NUL). A loop beats the native indexOf on lines
// this short (measured).
function lineFeed(buf: Buffer, pos: number, length: number): number {
  for (let i = pos; i < length; i++) {
    const c = buf[i];
    if (c === LF) return i;
    if (c === 0) return BLOCKED;
  }
  return length;
}

// The same for the first CR.
function carriageReturn(buf: Buffer, pos: number, length: number): number {
  for (let i = pos; i < length; i++) {
    const c = buf[i];
    if (c === CR) return i;
    if (c === 0) return BLOCKED;
  }
  return length;
}

/** A streaming decoder of client requests. */
export class RequestDecoder {
  readonly #onCommand: (args: RequestArgs) => void;
  readonly #onError: (error: ProtocolError) => void;
  #maxBulk: number;
  readonly #maxInline: number;
  readonly #maxArgs: number;
  #maxQueryBuffer: number;
  readonly #unauthenticated: (() => boolean) | undefined;
  readonly #transientChunks: boolean;
  readonly #args = new RequestArgs();
  #failed = false;
  #state = COMMAND;
  // Arguments still to read in the current command.
  #remaining = 0;
  // The length of the argument being read.
  #bulkLength = 0;
  // The start of a line or payload that the previous chunk ended inside.
  #pending: Buffer[] = [];
  #pendingLength = 0;
  // Bytes held for the current incomplete command.
  #commandBytes = 0;
  // What `bufferedBytes` reports (see there).
  #inputBytes = 0;
  // The pending line holds a NUL byte before its end: Redis's strchr stops
  // there, so the line never ends and only the size limit can end the wait.
  #pendingBlocked = false;

  constructor(options: RequestDecoderOptions) {
    this.#onCommand = options.onCommand;
    this.#onError = options.onError;
    this.#maxBulk = options.maxBulkLength ?? 512 * 1024 * 1024;
    this.#maxInline = options.maxInlineLength ?? 64 * 1024;
    this.#maxArgs = options.maxArgs ?? 2 ** 31 - 1;
    this.#maxQueryBuffer = options.maxQueryBuffer ?? 1024 * 1024 * 1024;
    this.#unauthenticated = options.unauthenticated;
    this.#transientChunks = options.transientChunks === true;
  }

  /**
   * Changes `maxBulkLength` and `maxQueryBuffer` from the next header read
   * on, also when called from `onCommand` (a server's CONFIG SET of
   * proto-max-bulk-len or client-query-buffer-limit applies to the open
   * connections, and to the rest of the read it came in, as in Redis).
   * An argument already being read keeps the length it was allowed.
   */
  setLimits(limits: { readonly maxBulkLength?: number; readonly maxQueryBuffer?: number }): void {
    if (limits.maxBulkLength !== undefined) this.#maxBulk = limits.maxBulkLength;
    if (limits.maxQueryBuffer !== undefined) this.#maxQueryBuffer = limits.maxQueryBuffer;
  }

  /** True once a protocol error was reported. */
  get failed(): boolean {
    return this.#failed;
  }

  /** True when no command is partly read. */
  get idle(): boolean {
    return this.#state === COMMAND && this.#pendingLength === 0;
  }

  /**
   * Input bytes held, as Redis's query buffer holds them (CLIENT LIST's
   * `qbuf`): during `write` (from `onCommand`), everything this write is
   * decoding plus what earlier writes left incomplete, since Redis keeps
   * a read's commands in its buffer until all have run; between writes,
   * the incomplete part of a line or argument still waiting for the rest.
   * Arguments an incomplete command has completed are not input any more:
   * `argumentBytes` counts them. Nor is an argument completed from parts
   * of several writes: it was joined into one copy.
   */
  get bufferedBytes(): number {
    return this.#inputBytes;
  }

  /**
   * While an argument is partly read, the bytes of it (and its CRLF) still
   * to come, as its length announced them; 0 otherwise. Redis reserves
   * them in its query buffer when the length arrives (CLIENT LIST's
   * `qbuf-free`), so a server can count them before they come.
   */
  get awaitedBytes(): number {
    return this.#state === BULK_PAYLOAD ? this.#bulkLength + 2 - this.#pendingLength : 0;
  }

  /**
   * The bytes of the arguments the decoder holds (CLIENT LIST's
   * `argv-mem`): during `onCommand`, the command's; between writes, those
   * an incomplete command has so far.
   */
  get argumentBytes(): number {
    return this.#args.totalBytes;
  }

  /**
   * Feeds bytes, split anywhere. Complete commands go to `onCommand` in
   * order, even those before an error in the same chunk. Never throws for
   * any input; after the first protocol error, input is ignored.
   */
  write(chunk: Buffer): void {
    if (this.#failed || chunk.length === 0) return;
    this.#args._strings.begin(chunk);
    this.#inputBytes = this.#pendingLength + chunk.length;
    try {
      this.#write(chunk);
    } finally {
      this.#inputBytes = this.#pendingLength;
      this.#args._strings.end();
      if (this.#transientChunks && (this.#pendingLength !== 0 || this.#args.length !== 0))
        this.#own(chunk);
    }
  }

  // Copies what the decoder still holds of `chunk` (transientChunks). Only
  // the last pending part can be a view of it: each write adds at most one
  // part (the tail it ended inside), and parts of earlier writes were
  // copied when those writes returned. Parts joined by Buffer.concat are
  // copies already.
  #own(chunk: Buffer): void {
    const pending = this.#pending;
    const last = pending.length - 1;
    if (last >= 0 && pending[last]!.buffer === chunk.buffer)
      pending[last] = copyBytes(pending[last]!, 0, pending[last]!.length);
    this.#args._own(chunk);
  }

  #write(chunk: Buffer): void {
    let buf = chunk;
    let pos = 0;
    if (this.#pendingLength !== 0) {
      if (this.#state === BULK_PAYLOAD) {
        // Payloads are completed from parts: linear however they are split.
        pos = this.#continuePayload(chunk);
        if (pos < 0) return;
      } else {
        // A line that straddles chunks: join once its end is here.
        const end = this.#pendingLineEnd(chunk);
        if (end < 0) {
          this.#pending.push(chunk);
          this.#pendingLength += chunk.length;
          this.#checkLineLength();
          return;
        }
        this.#pending.push(chunk.subarray(0, end));
        buf = Buffer.concat(this.#pending, this.#pendingLength + end);
        this.#pending = [];
        this.#pendingLength = 0;
        // Parse the joined line on its own, then go on in the chunk.
        this.#parse(buf, 0);
        if (this.#failed) return;
        pos = end;
        if (this.#state === BULK_PAYLOAD) {
          pos = this.#continuePayload(chunk, pos);
          if (pos < 0) return;
        }
      }
    }
    this.#parse(chunk, pos);
  }

  // Where, in `chunk`, the pending line ends (the index just past it), or
  // -1 while it does not. An inline line ends at its LF; a count or length
  // line at the byte after its CR, whatever that byte is.
  #pendingLineEnd(chunk: Buffer): number {
    if (this.#pendingBlocked) return -1;
    const length = chunk.length;
    if (this.#state === COMMAND && this.#pending[0]![0] !== ARRAY) {
      const lf = lineFeed(chunk, 0, length);
      this.#pendingBlocked = lf === BLOCKED;
      return lf === BLOCKED || lf === length ? -1 : lf + 1;
    }
    const last = this.#pending[this.#pending.length - 1]!;
    if (last[last.length - 1] === CR) return 1;
    const cr = carriageReturn(chunk, 0, length);
    this.#pendingBlocked = cr === BLOCKED;
    return cr === BLOCKED || cr + 1 >= length ? -1 : cr + 2;
  }

  #fail(message: string): void {
    this.#failed = true;
    this.#pending = [];
    this.#pendingLength = 0;
    this.#pendingBlocked = false;
    this.#args._clear();
    this.#onError(new ProtocolError(message));
  }

  #checkLineLength(): void {
    if (this.#pendingLength <= this.#maxInline) return;
    if (this.#state === COMMAND) {
      const first = this.#pending[0]![0];
      this.#fail(
        first === ARRAY
          ? 'Protocol error: too big mbulk count string'
          : 'Protocol error: too big inline request',
      );
    } else {
      this.#fail('Protocol error: too big bulk count string');
    }
  }

  // Keeps the incomplete line that starts at `pos`; `blocked` when a NUL
  // byte comes before its end (see #pendingBlocked).
  #stash(buf: Buffer, pos: number, blocked: boolean): void {
    this.#pending = [buf.subarray(pos)];
    this.#pendingLength = buf.length - pos;
    this.#pendingBlocked = blocked;
    this.#checkLineLength();
  }

  // The state machine, as Redis's processInputBuffer runs it: a request
  // that starts with '*' is multibulk, anything else one inline line.
  // Count and length lines end at their first CR, and the byte after the
  // CR is skipped unread; so are the two bytes after a payload. Redis
  // checks none of them for LF, and neither does this: `*1\r?$4\r\nPING\r\n`
  // is a PING there. Inline lines end at their first LF.
  #parse(buf: Buffer, pos: number): void {
    const length = buf.length;
    const args = this.#args;
    while (pos < length) {
      if (this.#state === BULK_PAYLOAD) {
        const need = this.#bulkLength + 2;
        if (length - pos < need) {
          this.#pending = [buf.subarray(pos)];
          this.#pendingLength = length - pos;
          return;
        }
        const end = pos + this.#bulkLength;
        args._push(buf, pos, end);
        pos = end + 2;
        if (--this.#remaining === 0) {
          if (!this.#dispatch()) return;
        } else {
          this.#state = BULK_HEADER;
        }
        continue;
      }
      if (this.#state === COMMAND && buf[pos] !== ARRAY) {
        const lf = lineFeed(buf, pos, length);
        if (lf === BLOCKED || lf === length) {
          this.#stash(buf, pos, lf === BLOCKED);
          return;
        }
        if (lf - pos > this.#maxInline) {
          this.#fail('Protocol error: too big inline request');
          return;
        }
        // Inline: the line, without its optional CR.
        const end = lf > pos && buf[lf - 1] === CR ? lf - 1 : lf;
        const words = this.#plainWords(buf, pos, end);
        if (words < 0) {
          // Quotes, escapes or odd bytes: split as Redis does, into copies.
          const inline = splitInlineArgs(buf, pos, end);
          if (inline === null) {
            this.#fail('Protocol error: unbalanced quotes in request');
            return;
          }
          for (const arg of inline) args._push(arg, 0, arg.length);
        }
        pos = lf + 1;
        if (args.length === 0) {
          args._clear();
          continue;
        }
        if (!this.#dispatch()) return;
        continue;
      }
      if (this.#state === COMMAND) {
        const after = this.#parseWholeCommand(buf, pos, length);
        if (after > 0) {
          pos = after;
          if (this.#failed) return;
          continue;
        }
      }
      // A count or length line.
      const cr = carriageReturn(buf, pos, length);
      if (cr === BLOCKED || cr + 1 >= length) {
        // Redis measures the line only while it has no CR at all.
        if (cr === BLOCKED || cr === length) this.#stash(buf, pos, cr === BLOCKED);
        else {
          this.#pending = [buf.subarray(pos)];
          this.#pendingLength = length - pos;
        }
        return;
      }
      if (this.#state === COMMAND) {
        if (cr - pos > this.#maxInline) {
          this.#fail('Protocol error: too big mbulk count string');
          return;
        }
        const count = parseRequestLength(buf, pos + 1, cr);
        pos = cr + 2;
        if (!(count <= this.#maxArgs)) {
          this.#fail('Protocol error: invalid multibulk length');
          return;
        }
        if (count <= 0) continue;
        if (count > 10 && this.#unauthenticated?.() === true) {
          this.#fail('Protocol error: unauthenticated multibulk length');
          return;
        }
        this.#remaining = count;
        this.#commandBytes = 0;
        this.#state = BULK_HEADER;
        continue;
      }
      // BULK_HEADER
      if (cr - pos > this.#maxInline) {
        this.#fail('Protocol error: too big bulk count string');
        return;
      }
      if (buf[pos] !== DOLLAR) {
        // Redis's error replies turn CR and LF into spaces.
        const got = buf[pos] === CR || buf[pos] === LF ? 32 : buf[pos]!;
        this.#fail(`Protocol error: expected '$', got '${String.fromCharCode(got)}'`);
        return;
      }
      const size = parseRequestLength(buf, pos + 1, cr);
      if (!(size >= 0 && size <= this.#maxBulk)) {
        this.#fail('Protocol error: invalid bulk length');
        return;
      }
      if (size > 16384 && this.#unauthenticated?.() === true) {
        this.#fail('Protocol error: unauthenticated bulk length');
        return;
      }
      this.#commandBytes += size;
      if (this.#commandBytes > this.#maxQueryBuffer) {
        this.#fail('Protocol error: query buffer limit reached');
        return;
      }
      this.#bulkLength = size;
      this.#state = BULK_PAYLOAD;
      pos = cr + 2;
    }
  }

  // Measured hot path (apps/bench, `resp` suite, request decoding): a
  // command that lies whole in the chunk and is well formed is read in one
  // tight loop, with no state kept between lines. Anything else (a command
  // cut by the chunk's end, an error, an edge case like `*0`) returns -1
  // having consumed nothing, and the state machine below reads it instead,
  // with Redis's exact errors. So only the command straddling a chunk
  // boundary is looked at twice.
  #parseWholeCommand(buf: Buffer, start: number, length: number): number {
    let p = start + 1;
    let count = 0;
    // Bounds are checked before every read: reading past the end of a
    // typed array makes V8 fall back to slower loads (measured).
    while (p < length) {
      const c = buf[p]!;
      if (c === CR) break;
      const digit = c - 48;
      if (digit < 0 || digit > 9 || p - start > 10) return -1;
      count = count * 10 + digit;
      p++;
    }
    if (p + 1 >= length || buf[p + 1] !== LF || p === start + 1) return -1;
    // A leading zero (`*02`) is Redis's error, and `*0` is ignored: both
    // are the general path's.
    if (buf[start + 1] === 48 || count > this.#maxArgs) return -1;
    // Redis's limits for unauthenticated clients apply only while the
    // callback says so (asked once per command); past them, the general
    // path below reports the error. Asking whether a callback exists
    // instead sent every command of more than 10 arguments (MSET) down the
    // general path on any server (measured).
    const restricted = this.#unauthenticated?.() === true;
    if (count > 10 && restricted) return -1;
    p += 2;
    const args = this.#args;
    args._setBase(buf);
    for (let i = 0; i < count; i++) {
      if (p >= length || buf[p] !== DOLLAR) return this.#abandon();
      const digitsStart = ++p;
      let size = 0;
      while (p < length) {
        const c = buf[p]!;
        if (c === CR) break;
        const digit = c - 48;
        if (digit < 0 || digit > 9 || p - digitsStart > 10) return this.#abandon();
        size = size * 10 + digit;
        p++;
      }
      if (p + 1 >= length || buf[p + 1] !== LF || p === digitsStart) return this.#abandon();
      if (buf[digitsStart] === 48 && p !== digitsStart + 1) return this.#abandon();
      p += 2;
      const end = p + size;
      if (size > this.#maxBulk || (size > 16384 && restricted) || end + 2 > length) {
        return this.#abandon();
      }
      if (buf[end] !== CR || buf[end + 1] !== LF) return this.#abandon();
      args._pushLocal(p, end);
      p = end + 2;
    }
    this.#dispatch();
    return p;
  }

  // The common inline line (redis-benchmark's PING_INLINE, telnet):
  // words split by spaces and tabs with no quote, backslash or control
  // byte. Adds them as views of `buf` (no copies) and returns how many;
  // returns -1 and adds nothing when the line needs splitInlineArgs.
  #plainWords(buf: Buffer, start: number, end: number): number {
    const args = this.#args;
    args._setBase(buf);
    let p = start;
    while (p < end) {
      let c = buf[p]!;
      if (c === 32 || c === 9) {
        p++;
        continue;
      }
      const from = p;
      while (p < end) {
        c = buf[p]!;
        if (c === 32 || c === 9) break;
        // Quotes, backslashes and control bytes (CR and LF inside a line
        // too) are splitInlineArgs's business.
        if (c === 34 || c === 39 || c === 92 || c < 32) return this.#abandon();
        p++;
      }
      args._pushLocal(from, p);
    }
    return args.length;
  }

  #abandon(): number {
    this.#args._clear();
    return -1;
  }

  // Completes a payload that spans chunks; returns where parsing resumes in
  // `chunk`, or -1 while it is still incomplete (or input failed).
  #continuePayload(chunk: Buffer, pos = 0): number {
    const need = this.#bulkLength + 2;
    const want = need - this.#pendingLength;
    if (chunk.length - pos < want) {
      this.#pending.push(pos === 0 ? chunk : chunk.subarray(pos));
      this.#pendingLength += chunk.length - pos;
      return -1;
    }
    this.#pending.push(chunk.subarray(pos, pos + want));
    const whole = Buffer.concat(this.#pending, need);
    this.#pending = [];
    this.#pendingLength = 0;
    // The payload is an argument now, no longer input (as Redis hands a
    // large argument's query buffer over to the command): not counted twice.
    this.#inputBytes -= need;
    // The two bytes after the payload are skipped unread, as in #parse.
    this.#args._push(whole, 0, need - 2);
    if (--this.#remaining === 0) {
      if (!this.#dispatch()) return -1;
    } else {
      this.#state = BULK_HEADER;
    }
    return pos + want;
  }

  // Hands the complete command over and gets ready for the next.
  #dispatch(): boolean {
    this.#state = COMMAND;
    const args = this.#args;
    try {
      this.#onCommand(args);
    } finally {
      args._clear();
    }
    return !this.#failed;
  }
}
