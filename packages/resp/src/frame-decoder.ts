/**
 * `FrameDecoder`: RESP2/RESP3 as exact `Frame`s, for code that must see or
 * round-trip the protocol (servers, proxies, tools, tests). Same state
 * machine as `ReplyDecoder`, different output.
 *
 * Streamed strings and aggregates come out as the ordinary bulk, array, map
 * and set frames they stand for; everything else keeps its wire identity.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { ProtocolError } from './errors.js';
import type { Frame } from './frame.js';
import { latin1, takeBytes, utf8 } from './internal/bytes.js';
import { type Builder, Reader } from './internal/reader.js';
import { type DecoderLimits, resolveLimits } from './limits.js';

/** Options of `FrameDecoder`. */
export interface FrameDecoderOptions extends DecoderLimits {
  /** Receives each complete top-level frame (pushes included), in order. */
  readonly onFrame: (frame: Frame) => void;
  /** Receives the first protocol error; the decoder then ignores further input until `reset()`. */
  readonly onError: (error: ProtocolError) => void;
  /**
   * True when the caller overwrites each chunk after `write` returns (one
   * read buffer reused for every read, as with `net.Socket`'s `onread`).
   * The decoder then copies the parts of a long payload that it keeps
   * between calls. Default false: it keeps views of the chunks.
   */
  readonly transientChunks?: boolean;
  /**
   * How simple strings and errors become text: `'utf8'` (the default) or
   * `'latin1'`, one character per byte, so that any bytes come back
   * exactly with `Buffer.from(value, 'latin1')` (an error that quotes a
   * client's binary argument, which UTF-8 decoding would replace with
   * U+FFFD).
   */
  readonly textEncoding?: 'utf8' | 'latin1';
}

function pairs(items: Frame[]): [Frame, Frame][] {
  const result: [Frame, Frame][] = [];
  for (let i = 0; i < items.length; i += 2) result.push([items[i]!, items[i + 1]!]);
  return result;
}

const NULL_BULK: Frame = Object.freeze({ type: 'null-bulk' });
const NULL_ARRAY: Frame = Object.freeze({ type: 'null-array' });
const NULL: Frame = Object.freeze({ type: 'null' });

const frameBuilder: Builder<Frame> = {
  simple: (buf, start, end) => ({ type: 'simple', value: utf8(buf, start, end) }),
  error: (buf, start, end) => ({ type: 'error', value: utf8(buf, start, end) }),
  integer: (value) => ({ type: 'integer', value }),
  bulk: (buf, start, end, owned) => ({ type: 'bulk', value: takeBytes(buf, start, end, owned) }),
  nullBulk: () => NULL_BULK,
  nullArray: () => NULL_ARRAY,
  null: () => NULL,
  boolean: (value) => ({ type: 'boolean', value }),
  double: (value) => ({ type: 'double', value }),
  bignum: (value) => ({ type: 'bignum', value }),
  blobError: (buf, start, end) => ({
    type: 'blob-error',
    value: takeBytes(buf, start, end, false),
  }),
  verbatim: (buf, start, end, owned) => ({
    type: 'verbatim',
    format: latin1(buf, start, start + 3),
    value: takeBytes(buf, start + 4, end, owned),
  }),
  array: (items) => ({ type: 'array', value: items }),
  map: (items) => ({ type: 'map', value: pairs(items) }),
  set: (items) => ({ type: 'set', value: items }),
  push: (items) => ({ type: 'push', value: items }),
  attribute: (items, value) => ({ type: 'attribute', attributes: pairs(items), value }),
};

// The same, with simple strings and errors one character per byte.
const latin1FrameBuilder: Builder<Frame> = {
  ...frameBuilder,
  simple: (buf, start, end) => ({ type: 'simple', value: latin1(buf, start, end) }),
  error: (buf, start, end) => ({ type: 'error', value: latin1(buf, start, end) }),
};

/** A streaming decoder of RESP into `Frame`s. */
export class FrameDecoder {
  readonly #reader: Reader<Frame>;

  /** @throws RangeError when a limit is not an integer >= 1. */
  constructor(options: FrameDecoderOptions) {
    const { onFrame } = options;
    this.#reader = new Reader<Frame>(
      options.textEncoding === 'latin1' ? latin1FrameBuilder : frameBuilder,
      resolveLimits(options),
      (frame) => onFrame(frame),
      options.onError,
      options.transientChunks === true,
    );
  }

  /**
   * Feeds bytes, split anywhere. Never throws for any input: invalid input
   * is reported once through `onError`, after which input is ignored until
   * `reset()`. Frames never share memory with `chunk`.
   */
  write(chunk: Buffer): void {
    this.#reader.write(chunk);
  }

  /** True when no frame is partly read. */
  get idle(): boolean {
    return this.#reader.idle;
  }

  /** True once a protocol error was reported. */
  get failed(): boolean {
    return this.#reader.failed;
  }

  /** Drops any partly read frame and a previous failure. */
  reset(): void {
    this.#reader.reset();
  }
}
