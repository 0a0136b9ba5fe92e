/**
 * The RESP2/RESP3 state machine behind both reply decoders.
 *
 * It turns chunks, split at any byte, into values, and never looks at a
 * byte twice except for the small header line that straddles two chunks:
 * - aggregates are an explicit stack of open entries (no recursion), each
 *   with the number of elements still to come, so nesting 100,000 deep is
 *   just a `maxDepth` error and a frame split across chunks resumes where
 *   it stopped;
 * - a bulk payload that spans chunks is kept as a list of slices and
 *   concatenated once when complete (linear, never quadratic);
 * - counts from the wire only ever bound loops: arrays grow by `push`.
 *
 * What a value becomes is up to a `Builder`: exact `Frame`s or plain
 * JavaScript values, from this one machine. Once the input is invalid the
 * reader reports one `ProtocolError` and ignores everything after it.
 *
 * This file is the measured hot path of the package (apps/bench, `resp`
 * suite): the main loop is one function with the common types first.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { ProtocolError } from '../errors.js';
import type { ResolvedLimits } from '../limits.js';
import { copyBytes, latin1 } from './bytes.js';
import { INVALID, parseBigNumber, parseDouble, parseInteger, parseLength } from './numbers.js';

/** Turns parsed pieces into output values. Implemented once per output shape. */
export interface Builder<V> {
  simple(buf: Buffer, start: number, end: number): V;
  error(buf: Buffer, start: number, end: number): V;
  integer(value: number | bigint): V;
  /** `owned` is true when `buf` is a fresh copy nobody else references. */
  bulk(buf: Buffer, start: number, end: number, owned: boolean): V;
  nullBulk(): V;
  nullArray(): V;
  null(): V;
  boolean(value: boolean): V;
  double(value: number): V;
  bignum(value: bigint): V;
  blobError(buf: Buffer, start: number, end: number): V;
  verbatim(buf: Buffer, start: number, end: number, owned: boolean): V;
  array(items: V[]): V;
  /** `items` alternates keys and values. */
  map(items: V[]): V;
  set(items: V[]): V;
  push(items: V[]): V;
  /** `items` alternates keys and values, annotating `value`. */
  attribute(items: V[], value: V): V;
}

/** Receives each complete top-level value, with `push` true for RESP3 pushes. */
export type ValueSink<V> = (value: V, push: boolean) => void;

// Byte values of the type markers.
const SIMPLE = 43; // +
const ERROR = 45; // -
const INTEGER = 58; // :
const BULK = 36; // $
const ARRAY = 42; // *
const NULL = 95; // _
const BOOLEAN = 35; // #
const DOUBLE = 44; // ,
const BIGNUM = 40; // (
const BLOB_ERROR = 33; // !
const VERBATIM = 61; // =
const MAP = 37; // %
const SET = 126; // ~
const ATTRIBUTE = 124; // |
const PUSH = 62; // >
const CHUNK = 59; // ;  a part of a streamed string
const END = 46; // .  the end of a streamed aggregate
const CR = 13;
const LF = 10;
const QUESTION = 63; // ?
const COLON = 58; // :
const LOWER_T = 116;
const LOWER_F = 102;

// Payloads up to this size that straddle chunks are copied into a reused buffer.
const SMALL_PAYLOAD = 4096;

// A bigger buffer holding the first `keep` bytes of `buf`.
function grow(buf: Buffer, size: number, keep: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(size, buf.length * 2));
  buf.copy(bigger, 0, 0, keep);
  return bigger;
}

// Copies src[start, end) to dst at offset; a loop beats the native copy for
// the few bytes a split line or small payload usually has (measured).
function copyBytesInto(dst: Buffer, offset: number, src: Buffer, start: number, end: number): void {
  if (end - start > 64) {
    src.copy(dst, offset, start, end);
    return;
  }
  for (let i = start; i < end; i++) dst[offset++] = src[i]!;
}

// Returned where a step completed no value (an attribute, a streamed-string part).
const NO_VALUE: unique symbol = Symbol('no value');

interface Entry<V> {
  // The aggregate's type marker; BULK for a streamed string.
  kind: number;
  // Elements (for maps: keys plus values) still to come; -1 when streamed.
  remaining: number;
  items: V[];
  // The parts of a streamed string.
  parts: Buffer[] | null;
  // An attribute read at this level, waiting for the value it annotates.
  attribute: V[] | null;
}

function describe(byte: number): string {
  return byte >= 32 && byte < 127
    ? String.fromCharCode(byte)
    : `\\x${byte.toString(16).padStart(2, '0')}`;
}

export class Reader<V> {
  readonly #builder: Builder<V>;
  // The limits, unpacked into fields: they are read for every line.
  readonly #maxLine: number;
  readonly #maxBulk: number;
  readonly #maxAggregate: number;
  readonly #maxDepth: number;
  readonly #onValue: ValueSink<V>;
  readonly #onError: (error: ProtocolError) => void;
  readonly #transient: boolean;
  #failed = false;
  readonly #stack: Entry<V>[] = [];
  // The innermost open aggregate (the stack's last entry), or null. Kept in
  // a field because reading past the end of an empty array is slow in V8.
  #top: Entry<V> | null = null;
  #rootAttribute: V[] | null = null;
  // The start of a line that the previous chunk ended in the middle of,
  // copied (lines are short) so no view of a chunk is kept: #line[0, #lineLength).
  #line: Buffer = Buffer.allocUnsafe(256);
  #lineLength = 0;
  // A payload that spans chunks: its type, the bytes needed (payload and
  // CRLF), and the bytes so far. A small one is copied into #bulkBuffer
  // (reused: tiny chunks then cost no allocation per value); a large one is
  // kept as views of its chunks (copies when chunks are transient),
  // concatenated once at the end.
  #bulkType = 0;
  #bulkNeed = 0;
  #bulkHave = 0;
  #bulkSmall = false;
  #bulkBuffer: Buffer = Buffer.allocUnsafe(256);
  #bulkParts: Buffer[] = [];
  // Set while the value being completed is a top-level push.
  #lastPush = false;

  constructor(
    builder: Builder<V>,
    limits: ResolvedLimits,
    onValue: ValueSink<V>,
    onError: (error: ProtocolError) => void,
    // The caller reuses each chunk after write(): keep copies, not views.
    transientChunks = false,
  ) {
    this.#builder = builder;
    this.#maxLine = limits.maxLineLength;
    this.#maxBulk = limits.maxBulkLength;
    this.#maxAggregate = limits.maxAggregateLength;
    this.#maxDepth = limits.maxDepth;
    this.#onValue = onValue;
    this.#onError = onError;
    this.#transient = transientChunks;
  }

  /** True once a protocol error was reported; further input is ignored. */
  get failed(): boolean {
    return this.#failed;
  }

  /** True when no value is partly read. */
  get idle(): boolean {
    return (
      this.#stack.length === 0 &&
      this.#lineLength === 0 &&
      this.#bulkNeed === 0 &&
      this.#rootAttribute === null
    );
  }

  /** Forgets any partly read value and a previous failure. */
  reset(): void {
    this.#failed = false;
    this.#stack.length = 0;
    this.#top = null;
    this.#rootAttribute = null;
    this.#lineLength = 0;
    this.#bulkNeed = 0;
    this.#bulkHave = 0;
    this.#bulkParts = [];
  }

  write(chunk: Buffer): void {
    if (this.#failed || chunk.length === 0) return;
    let pos = 0;
    if (this.#bulkNeed !== 0) {
      pos = this.#feedBulk(chunk, 0);
      if (pos < 0) return;
    } else if (this.#lineLength !== 0) {
      let lf = 0;
      while (lf < chunk.length && chunk[lf] !== LF) lf++;
      if (lf === chunk.length) {
        this.#appendLine(chunk, 0, lf);
        return;
      }
      this.#appendLine(chunk, 0, lf + 1);
      if (this.#failed) return;
      const lineLength = this.#lineLength;
      this.#lineLength = 0;
      // Nothing built from a header line keeps a view of it (strings and
      // numbers are copies; a payload starts in the chunk), so #line is
      // free for reuse as soon as this returns.
      this.#parse(this.#line, 0, lineLength);
      if (this.#failed) return;
      pos = lf + 1;
      if (this.#bulkNeed !== 0) {
        pos = this.#feedBulk(chunk, pos);
        if (pos < 0) return;
      }
    }
    this.#parse(chunk, pos);
  }

  #fail(message: string): void {
    this.#failed = true;
    this.#stack.length = 0;
    this.#top = null;
    this.#lineLength = 0;
    this.#bulkParts = [];
    this.#bulkNeed = 0;
    this.#onError(new ProtocolError(message));
  }

  // Parses buf[pos, length).
  #parse(buf: Buffer, pos: number, length = buf.length): void {
    const builder = this.#builder;
    while (pos < length) {
      const type = buf[pos]!;
      let value: V;
      // biome-ignore lint/suspicious/noConfusingLabels: the fast path below leaves this block with its value; a helper would need two results per element on the hot path.
      line: {
        if (type === BULK) {
          // Fast path (measured: arrays of bulk strings, the shape of MGET,
          // LRANGE and HGETALL replies): a plain `$<digits>\r\n` header and
          // its whole payload in this chunk, read in one pass. Anything
          // else (nulls, streamed strings, errors, payloads that continue
          // in the next chunk) takes the general path below, which reports
          // the same input the same way.
          let i = pos + 1;
          let size = 0;
          const digitsEnd = Math.min(length, i + 9);
          while (i < digitsEnd) {
            const digit = buf[i]! - 48;
            if (digit < 0 || digit > 9) break;
            size = size * 10 + digit;
            i++;
          }
          const payload = i + 2;
          if (
            i > pos + 1 &&
            i - pos - 1 <= this.#maxLine &&
            size <= this.#maxBulk &&
            payload + size + 2 <= length &&
            buf[i] === CR &&
            buf[i + 1] === LF &&
            buf[payload + size] === CR &&
            buf[payload + size + 1] === LF
          ) {
            value = builder.bulk(buf, payload, payload + size, false);
            pos = payload + size + 2;
            break line;
          }
        }
        // The line's content is buf[start, end); its CR is at end, its LF at end + 1.
        const start = pos + 1;
        let lf = start;
        while (lf < length && buf[lf] !== LF) lf++;
        if (lf === length) {
          this.#stash(buf, pos, length);
          return;
        }
        const end = lf - 1;
        if (end < start || buf[end] !== CR) {
          this.#fail(`Protocol error: expected CRLF after '${describe(type)}' line`);
          return;
        }
        if (end - start > this.#maxLine) {
          this.#fail('Protocol error: too big line');
          return;
        }
        const next = lf + 1;
        const streamed = end === start + 1 && buf[start] === QUESTION;
        switch (type) {
          case BULK:
          case BLOB_ERROR:
          case VERBATIM:
          case CHUNK: {
            if (type === BULK && streamed) {
              if (!this.#open(BULK, -1)) return;
              pos = next;
              continue;
            }
            const size = parseLength(buf, start, end);
            if (size === -1 && type === BULK) {
              value = builder.nullBulk();
              pos = next;
              break;
            }
            if (!(size >= 0 && size <= this.#maxBulk)) {
              this.#fail('Protocol error: invalid bulk length');
              return;
            }
            if (type === CHUNK) {
              if (!this.#inStreamedString()) return;
              // `;0\r\n` ends a streamed string; it has no payload.
              if (size === 0) {
                pos = next;
                value = this.#endStreamedString();
                break;
              }
            }
            if (next + size + 2 > length) {
              this.#beginBulk(type, size, buf, next, length);
              return;
            }
            if (buf[next + size] !== CR || buf[next + size + 1] !== LF) {
              this.#fail('Protocol error: expected CRLF after bulk payload');
              return;
            }
            pos = next + size + 2;
            if (type === BULK) {
              value = builder.bulk(buf, next, next + size, false);
              break;
            }
            const payload = this.#payload(type, buf, next, next + size, false);
            if (payload === NO_VALUE) {
              if (this.#failed) return;
              continue;
            }
            value = payload;
            break;
          }
          case SIMPLE:
            value = builder.simple(buf, start, end);
            pos = next;
            break;
          case INTEGER: {
            const n = parseInteger(buf, start, end, true);
            if (n === INVALID) {
              this.#fail(`Protocol error: expected an integer, got '${latin1(buf, start, end)}'`);
              return;
            }
            value = builder.integer(n);
            pos = next;
            break;
          }
          case ARRAY:
          case MAP:
          case SET:
          case PUSH:
          case ATTRIBUTE: {
            pos = next;
            if (streamed) {
              // `*?`, `%?`, `~?`: a streamed aggregate, ended by `.`.
              if (type === ATTRIBUTE || type === PUSH) {
                this.#fail('Protocol error: invalid multibulk length');
                return;
              }
              if (!this.#open(type, -1)) return;
              continue;
            }
            const count = parseLength(buf, start, end);
            if (count === -1 && type === ARRAY) {
              value = builder.nullArray();
              break;
            }
            if (!(count >= 0 && count <= this.#maxAggregate)) {
              this.#fail('Protocol error: invalid multibulk length');
              return;
            }
            if (count === 0) {
              if (type === PUSH && this.#stack.length === 0) this.#lastPush = true;
              const empty = this.#build(type, []);
              if (empty === NO_VALUE) continue;
              value = empty;
              break;
            }
            if (!this.#open(type, type === MAP || type === ATTRIBUTE ? count * 2 : count)) return;
            continue;
          }
          case ERROR:
            value = builder.error(buf, start, end);
            pos = next;
            break;
          case NULL:
            if (end !== start) {
              this.#fail('Protocol error: invalid null');
              return;
            }
            value = builder.null();
            pos = next;
            break;
          case BOOLEAN: {
            const flag = buf[start];
            if (end !== start + 1 || (flag !== LOWER_T && flag !== LOWER_F)) {
              this.#fail(`Protocol error: invalid boolean '${latin1(buf, start, end)}'`);
              return;
            }
            value = builder.boolean(flag === LOWER_T);
            pos = next;
            break;
          }
          case DOUBLE: {
            const n = parseDouble(latin1(buf, start, end));
            if (n === INVALID) {
              this.#fail(`Protocol error: invalid double '${latin1(buf, start, end)}'`);
              return;
            }
            value = builder.double(n);
            pos = next;
            break;
          }
          case BIGNUM: {
            const n = parseBigNumber(latin1(buf, start, end));
            if (n === INVALID) {
              this.#fail(`Protocol error: invalid big number '${latin1(buf, start, end)}'`);
              return;
            }
            value = builder.bignum(n);
            pos = next;
            break;
          }
          case END: {
            pos = next;
            const top = this.#top;
            if (end !== start || top === null || top.remaining !== -1 || top.kind === BULK) {
              this.#fail("Protocol error: unexpected '.' outside a streamed aggregate");
              return;
            }
            this.#pop();
            if (top.kind === MAP && top.items.length % 2 !== 0) {
              this.#fail('Protocol error: streamed map ended after a key without its value');
              return;
            }
            const built = this.#build(top.kind, top.items);
            if (built === NO_VALUE) continue;
            value = built;
            break;
          }
          default:
            this.#fail(`Protocol error: unknown type '${describe(type)}'`);
            return;
        }
      }
      // Fast path: most values land in an open aggregate that they do not
      // complete; only the rest needs #complete's general handling.
      const top = this.#top;
      if (top !== null && top.remaining > 1 && top.attribute === null && top.parts === null) {
        top.items.push(value);
        top.remaining--;
        continue;
      }
      if (!this.#complete(value)) return;
    }
  }

  // Keeps the start of a line that the chunk ended in the middle of.
  #stash(buf: Buffer, pos: number, end: number): void {
    this.#lineLength = 0;
    this.#appendLine(buf, pos, end);
  }

  // Copies buf[start, end) after the pending line, within the line limit.
  #appendLine(buf: Buffer, start: number, end: number): void {
    const length = this.#lineLength + end - start;
    if (length > this.#maxLine + 2) {
      this.#fail('Protocol error: too big line');
      return;
    }
    if (this.#line.length < length) this.#line = grow(this.#line, length, this.#lineLength);
    copyBytesInto(this.#line, this.#lineLength, buf, start, end);
    this.#lineLength = length;
  }

  #inStreamedString(): boolean {
    const top = this.#top;
    if (top === null || top.parts === null) {
      this.#fail("Protocol error: unexpected ';' outside a streamed string");
      return false;
    }
    return true;
  }

  #open(kind: number, remaining: number): boolean {
    if (this.#stack.length >= this.#maxDepth) {
      this.#fail('Protocol error: too many nested aggregates');
      return false;
    }
    const entry: Entry<V> = {
      kind,
      remaining,
      items: [],
      parts: kind === BULK ? [] : null,
      attribute: null,
    };
    this.#stack.push(entry);
    this.#top = entry;
    return true;
  }

  #pop(): Entry<V> {
    const stack = this.#stack;
    const entry = stack.pop()!;
    this.#top = stack.length === 0 ? null : stack[stack.length - 1]!;
    return entry;
  }

  // Turns a complete payload into a value; NO_VALUE for a streamed-string
  // part (or a failure).
  #payload(
    type: number,
    buf: Buffer,
    start: number,
    end: number,
    owned: boolean,
  ): V | typeof NO_VALUE {
    switch (type) {
      case BULK:
        return this.#builder.bulk(buf, start, end, owned);
      case BLOB_ERROR:
        return this.#builder.blobError(buf, start, end);
      case VERBATIM:
        if (end - start < 4 || buf[start + 3] !== COLON) {
          this.#fail('Protocol error: invalid verbatim string');
          return NO_VALUE;
        }
        return this.#builder.verbatim(buf, start, end, owned);
      default:
        // CHUNK: a part of a streamed string. Parts are views of their
        // chunks until the end, when they are concatenated once; copies
        // when the chunk is transient (and this is not a copy already).
        this.#top!.parts!.push(
          this.#transient && !owned ? copyBytes(buf, start, end) : buf.subarray(start, end),
        );
        return NO_VALUE;
    }
  }

  #endStreamedString(): V {
    const parts = this.#pop().parts!;
    const whole = Buffer.concat(parts);
    return this.#builder.bulk(whole, 0, whole.length, true);
  }

  // Starts a payload that continues in later chunks; buf[start, end) is its beginning.
  #beginBulk(type: number, size: number, buf: Buffer, start: number, end: number): void {
    const need = size + 2;
    this.#bulkType = type;
    this.#bulkNeed = need;
    this.#bulkHave = 0;
    // A streamed-string part stays a view until its string ends, so it
    // cannot live in the reused buffer.
    this.#bulkSmall = need <= SMALL_PAYLOAD && type !== CHUNK;
    this.#bulkParts = [];
    if (start < end) this.#keepBulk(buf, start, end);
  }

  #keepBulk(buf: Buffer, start: number, end: number): void {
    if (this.#bulkSmall) {
      if (this.#bulkBuffer.length < this.#bulkNeed)
        this.#bulkBuffer = grow(this.#bulkBuffer, this.#bulkNeed, this.#bulkHave);
      copyBytesInto(this.#bulkBuffer, this.#bulkHave, buf, start, end);
    } else if (this.#transient) {
      this.#bulkParts.push(copyBytes(buf, start, end));
    } else {
      this.#bulkParts.push(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
    }
    this.#bulkHave += end - start;
  }

  // Feeds a payload that spans chunks. Returns where parsing resumes in
  // `chunk`, or -1 when the payload is still incomplete or input failed.
  #feedBulk(chunk: Buffer, pos: number): number {
    const want = this.#bulkNeed - this.#bulkHave;
    if (chunk.length - pos < want) {
      this.#keepBulk(chunk, pos, chunk.length);
      return -1;
    }
    this.#keepBulk(chunk, pos, pos + want);
    const need = this.#bulkNeed;
    const small = this.#bulkSmall;
    const whole = small ? this.#bulkBuffer : Buffer.concat(this.#bulkParts, need);
    this.#bulkParts = [];
    this.#bulkNeed = 0;
    this.#bulkHave = 0;
    const size = need - 2;
    if (whole[size] !== CR || whole[size + 1] !== LF) {
      this.#fail('Protocol error: expected CRLF after bulk payload');
      return -1;
    }
    // From the reused buffer the builder must copy (owned = false).
    const value = this.#payload(this.#bulkType, whole, 0, size, !small);
    if (value !== NO_VALUE && !this.#complete(value)) return -1;
    return this.#failed ? -1 : pos + want;
  }

  // Builds a finished aggregate. An attribute is not a value: it is stored
  // for the next value at its level, and NO_VALUE is returned.
  #build(kind: number, items: V[]): V | typeof NO_VALUE {
    switch (kind) {
      case ARRAY:
        return this.#builder.array(items);
      case MAP:
        return this.#builder.map(items);
      case SET:
        return this.#builder.set(items);
      case PUSH:
        return this.#builder.push(items);
      default: {
        const top = this.#top;
        if (top === null) this.#rootAttribute = items;
        else top.attribute = items;
        return NO_VALUE;
      }
    }
  }

  // Places a finished value into its parent, closing every aggregate it
  // completes; a finished top-level value goes to the sink. Returns false
  // when reading must stop.
  #complete(value: V): boolean {
    for (;;) {
      const top = this.#top;
      if (top === null) {
        if (this.#rootAttribute !== null) {
          value = this.#builder.attribute(this.#rootAttribute, value);
          this.#rootAttribute = null;
        }
        if (this.#lastPush) {
          this.#lastPush = false;
          this.#onValue(value, true);
        } else {
          this.#onValue(value, false);
        }
        return !this.#failed;
      }
      if (top.attribute !== null) {
        value = this.#builder.attribute(top.attribute, value);
        top.attribute = null;
      }
      if (top.parts !== null) {
        this.#fail('Protocol error: expected a streamed string part');
        return false;
      }
      top.items.push(value);
      if (top.remaining === -1 || --top.remaining !== 0) return true;
      this.#pop();
      if (top.kind === PUSH && this.#top === null) this.#lastPush = true;
      const built = this.#build(top.kind, top.items);
      if (built === NO_VALUE) return true;
      value = built;
    }
  }
}
