/**
 * Short strings cut out of the chunk being decoded.
 *
 * Measured hot path (apps/bench, `resp` suite: arrays, small replies,
 * request decoding): most strings a decoder makes are a few bytes long
 * (`OK`, keys, small values), and making them one at a time, even with
 * the one-`String.fromCharCode` trick of `utf8()`, costs about 80 ns each.
 * Decoding a stretch of the chunk once (one native Latin-1 slice, after a
 * SIMD `isAscii` check) and cutting each string out of that text with
 * `substring` costs about 40 ns each. For pure ASCII, Latin-1 and UTF-8
 * agree, so the result is the same string.
 *
 * Only strings of up to 12 bytes are cut this way: V8 copies a substring
 * that short, so the strings never keep the stretch's text alive, whereas a
 * longer one would be a slice pinning the whole stretch.
 *
 * The text is only valid while the same bytes are being decoded: a decoder
 * calls `begin(chunk)` before it parses a chunk passed to its `write` and
 * `end()` after, and strings cut from any other buffer (a decoder's own
 * reused buffers) take the ordinary path.
 *
 * @module
 */

import { type Buffer, isAscii } from 'node:buffer';
import { latin1, utf8 } from './bytes.js';

// Bytes decoded at a time. Big enough that a stretch serves dozens of
// strings; small enough that a lone short string between large values
// costs little to decode around.
const STRETCH = 4096;
// Smaller chunks are decoded string by string.
const MIN_CHUNK = 256;
// The longest string V8 copies rather than slices (SlicedString::kMinLength - 1).
const SHORT = 12;

interface LatinSlice {
  latin1Slice(start: number, end: number): string;
}

export class ShortStrings {
  #chunk: Buffer | null = null;
  // Whether the whole chunk is ASCII: checked once, on the first stretch,
  // so stretches of an ASCII chunk need no check of their own.
  #chunkAscii: boolean | undefined;
  // The decoded stretch: #chunk[#from, #to), as #text when it is ASCII.
  #from = 0;
  #to = 0;
  #text = '';
  #ascii = false;

  /** Starts decoding `chunk`: strings cut from it may come from its text. */
  begin(chunk: Buffer): void {
    // A small chunk holds a string or two: decoding a stretch first would
    // only add work (measured: replies in 7-byte chunks).
    this.#chunk = chunk.length >= MIN_CHUNK ? chunk : null;
    this.#chunkAscii = undefined;
    this.#from = 0;
    this.#to = 0;
  }

  /** Ends decoding the chunk; drops the references to it and its text. */
  end(): void {
    this.#chunk = null;
    this.#text = '';
  }

  /** `buf[start, end)` decoded as UTF-8. */
  utf8(buf: Buffer, start: number, end: number): string {
    if (end - start <= SHORT && buf === this.#chunk) {
      if (start < this.#from || end > this.#to) this.#decode(buf, start);
      if (this.#ascii) return this.#text.substring(start - this.#from, end - this.#from);
    }
    return utf8(buf, start, end);
  }

  /** `buf[start, end)` as Latin-1, one character per byte. */
  latin1(buf: Buffer, start: number, end: number): string {
    if (end - start <= SHORT && buf === this.#chunk) {
      if (start < this.#from || end > this.#to) this.#decode(buf, start);
      // Any byte is its own Latin-1 character, but a non-ASCII stretch has
      // no text (it was decoded for UTF-8 users too): take the plain path.
      if (this.#ascii) return this.#text.substring(start - this.#from, end - this.#from);
    }
    return latin1(buf, start, end);
  }

  #decode(buf: Buffer, start: number): void {
    const to = Math.min(buf.length, start + STRETCH);
    this.#from = start;
    this.#to = to;
    this.#chunkAscii ??= isAscii(buf);
    this.#ascii = this.#chunkAscii || isAscii(buf.subarray(start, to));
    this.#text = this.#ascii ? (buf as unknown as LatinSlice).latin1Slice(start, to) : '';
  }
}
