/**
 * A byte writer for the encoders' hot path.
 *
 * Bytes go into a preallocated slab; `flush()` hands out the written region
 * as a view, and later writes continue *after* it, so a view passed to
 * `socket.write` is never overwritten while the socket still holds it. When
 * the slab is full a new one is started and the unflushed bytes move over;
 * the old slab is freed once every view of it is gone. Many commands thus
 * cost one allocation per 64 KiB, and a batch is one contiguous write. A
 * slab grown past the usual size for a large batch is let go when that
 * batch is flushed, so a writer holds no more than the usual size between
 * large batches.
 *
 * @module
 */

import { Buffer } from 'node:buffer';

// Undocumented but long-stable Buffer methods that skip argument handling.
interface FastWrites {
  utf8Write(string: string, offset: number, length: number): number;
  latin1Write(string: string, offset: number, length: number): number;
}

/** UTF-8 length of `value`, counting short ASCII strings without a native call. */
export function utf8Length(value: string): number {
  const length = value.length;
  if (length > 32) return Buffer.byteLength(value, 'utf8');
  for (let i = 0; i < length; i++) {
    if (value.charCodeAt(i) >= 0x80) return Buffer.byteLength(value, 'utf8');
  }
  return length;
}

// Where a writer stands between letting a grown slab go and its next write.
const NO_SLAB = Buffer.alloc(0);

export class SlabWriter {
  readonly #slabSize: number;
  #slab: Buffer;
  // The first byte not yet handed out by flush().
  #start = 0;
  #pos = 0;

  constructor(slabSize = 64 * 1024) {
    this.#slabSize = slabSize;
    this.#slab = Buffer.allocUnsafe(slabSize);
  }

  /** Bytes written since the last flush. */
  get length(): number {
    return this.#pos - this.#start;
  }

  /** The size of the slab being written into. */
  get capacity(): number {
    return this.#slab.length;
  }

  /** Makes room for `bytes` more bytes. */
  reserve(bytes: number): void {
    if (this.#pos + bytes <= this.#slab.length) return;
    const pending = this.#pos - this.#start;
    // The unflushed bytes move to the new slab. While a batch keeps
    // growing (a pipeline of large replies), the new slab is twice what is
    // needed, so the batch is moved O(log n) times, not once per write:
    // exact sizes made 400 pipelined GETs of 64 KiB copy ~5 GB.
    const needed = pending + bytes;
    const slab = Buffer.allocUnsafe(Math.max(this.#slabSize, pending === 0 ? needed : 2 * needed));
    this.#slab.copy(slab, 0, this.#start, this.#pos);
    this.#slab = slab;
    this.#start = 0;
    this.#pos = pending;
  }

  /** Writes one byte; the caller reserved room. */
  byte(value: number): void {
    this.#slab[this.#pos++] = value;
  }

  /** Writes CRLF; the caller reserved room. */
  crlf(): void {
    const slab = this.#slab;
    slab[this.#pos] = 13;
    slab[this.#pos + 1] = 10;
    this.#pos += 2;
  }

  /** Writes a type byte, a decimal integer and CRLF: a RESP header line. */
  header(type: number, value: number): void {
    this.reserve(24);
    const slab = this.#slab;
    slab[this.#pos++] = type;
    if (value < 10 && value >= 0) {
      slab[this.#pos++] = 48 + value;
    } else if (Number.isSafeInteger(value)) {
      this.#decimal(value);
    } else {
      this.#pos += (slab as unknown as FastWrites).latin1Write(String(value), this.#pos, 24);
    }
    slab[this.#pos] = 13;
    slab[this.#pos + 1] = 10;
    this.#pos += 2;
  }

  /** Writes ASCII text (the caller knows it is ASCII). */
  ascii(value: string): void {
    this.reserve(value.length);
    const slab = this.#slab;
    let pos = this.#pos;
    if (value.length <= 16) {
      for (let i = 0; i < value.length; i++) slab[pos++] = value.charCodeAt(i);
    } else {
      pos += (slab as unknown as FastWrites).latin1Write(value, pos, value.length);
    }
    this.#pos = pos;
  }

  /** Writes `value` as UTF-8; `byteLength` must be its `utf8Length`. */
  utf8(value: string, byteLength: number): void {
    this.reserve(byteLength);
    if (byteLength === value.length && byteLength <= 16) {
      const slab = this.#slab;
      let pos = this.#pos;
      for (let i = 0; i < byteLength; i++) slab[pos++] = value.charCodeAt(i);
      this.#pos = pos;
      return;
    }
    this.#pos += (this.#slab as unknown as FastWrites).utf8Write(value, this.#pos, byteLength);
  }

  /** Copies `bytes` in. */
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.#slab.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /** Where the unflushed bytes end now, for `rollback`. */
  mark(): number {
    return this.#pos - this.#start;
  }

  /** Forgets what was written after `mark()` returned `mark`. */
  rollback(mark: number): void {
    this.#pos = this.#start + mark;
  }

  /** Hands out everything written since the last flush, as one view. */
  flush(): Buffer {
    const view = this.#slab.subarray(this.#start, this.#pos);
    if (this.#slab.length > this.#slabSize) {
      // A slab grown for one large batch is let go: the view keeps it
      // alive only while the socket holds it, and the next write starts a
      // slab of the usual size. Kept, it would stay as large as the
      // largest reply ever sent until small writes filled it (a 100 MB
      // GET would pin 200 MB to the connection).
      this.#slab = NO_SLAB;
      this.#start = 0;
      this.#pos = 0;
    } else {
      this.#start = this.#pos;
    }
    return view;
  }

  // Writes a safe integer in decimal, digits straight into the slab.
  #decimal(value: number): void {
    const slab = this.#slab;
    if (value < 0) {
      slab[this.#pos++] = 45;
      value = -value;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let pos = this.#pos + digits;
    this.#pos = pos;
    do {
      slab[--pos] = 48 + (value % 10);
      value = Math.floor(value / 10);
    } while (value > 0);
  }
}
