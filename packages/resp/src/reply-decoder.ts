/**
 * `ReplyDecoder`: RESP2/RESP3 replies as plain JavaScript values, the shape
 * a client hands to its callers.
 *
 * | wire | value |
 * |---|---|
 * | simple string, verbatim string | `string` (verbatim without its `txt:` prefix) |
 * | bulk string | `string` (UTF-8), or `Buffer` with `returnBuffers` |
 * | integer | `number` when safe, else `bigint` (or `string` with `bigIntegers: 'string'`) |
 * | null, null bulk, null array | `null` |
 * | boolean, double | `boolean`, `number` (`Infinity`, `NaN` included) |
 * | big number | `bigint` (or `string`) |
 * | error, blob error | a `ReplyError` instance (returned, not thrown) |
 * | array, push | `Reply[]` (pushes go to `onPush`) |
 * | map | `Map` (default) or an object without a prototype (`maps: 'object'`), so a `__proto__` key is just a key |
 * | set | `Set` (default) or an array (`sets: 'array'`) |
 * | attribute | passed to `onAttribute`; the value it annotates is delivered as usual |
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type ProtocolError, ReplyError } from './errors.js';
import { takeBytes, utf8 } from './internal/bytes.js';
import { type Builder, Reader } from './internal/reader.js';
import { ShortStrings } from './internal/short-strings.js';
import { type DecoderLimits, resolveLimits } from './limits.js';

/** A decoded reply. */
export type Reply =
  | string
  | number
  | bigint
  | boolean
  | null
  | Buffer
  | ReplyError
  | Reply[]
  | Map<Reply, Reply>
  | Set<Reply>
  | { [key: string]: Reply };

/** Options of `ReplyDecoder`; only `onReply` and `onError` are required. */
export interface ReplyDecoderOptions extends DecoderLimits {
  /** Receives each complete top-level reply, in order. */
  readonly onReply: (reply: Reply) => void;
  /** Receives the first protocol error; the decoder then ignores further input until `reset()`. */
  readonly onError: (error: ProtocolError) => void;
  /** Receives RESP3 push messages (pub/sub, invalidation). Without it they go to `onReply`. */
  readonly onPush?: (push: Reply[]) => void;
  /** Receives RESP3 attributes, just before the reply they annotate. Without it they are dropped. */
  readonly onAttribute?: (attributes: Map<Reply, Reply> | { [key: string]: Reply }) => void;
  /** Bulk and verbatim strings as Buffers instead of UTF-8 strings. Default false. */
  readonly returnBuffers?: boolean;
  /** How maps come out. Default `'map'`. */
  readonly maps?: 'map' | 'object';
  /** How sets come out. Default `'set'`. */
  readonly sets?: 'set' | 'array';
  /** How integers and big numbers beyond 2^53 come out. Default `'bigint'`. */
  readonly bigIntegers?: 'bigint' | 'string';
  /**
   * True when the caller overwrites each chunk after `write` returns (one
   * read buffer reused for every read, as with `net.Socket`'s `onread`).
   * The decoder then copies the parts of a long payload that it keeps
   * between calls. Default false: it keeps views of the chunks.
   */
  readonly transientChunks?: boolean;
}

function objectKey(key: Reply): string {
  if (typeof key === 'string') return key;
  if (Buffer.isBuffer(key)) return key.toString('utf8');
  return String(key);
}

class ValueBuilder implements Builder<Reply> {
  // Mutable: a client sets it per reply (see ReplyDecoder#returnBuffers).
  returnBuffers: boolean;
  readonly #mapsAsObjects: boolean;
  readonly #setsAsArrays: boolean;
  readonly #bigAsString: boolean;
  readonly #onAttribute: ReplyDecoderOptions['onAttribute'];
  readonly #strings: ShortStrings;

  constructor(options: ReplyDecoderOptions, strings: ShortStrings) {
    this.#strings = strings;
    this.returnBuffers = options.returnBuffers === true;
    this.#mapsAsObjects = options.maps === 'object';
    this.#setsAsArrays = options.sets === 'array';
    this.#bigAsString = options.bigIntegers === 'string';
    this.#onAttribute = options.onAttribute;
  }

  simple(buf: Buffer, start: number, end: number): Reply {
    return this.#strings.utf8(buf, start, end);
  }
  error(buf: Buffer, start: number, end: number): Reply {
    return new ReplyError(utf8(buf, start, end));
  }
  integer(value: number | bigint): Reply {
    return typeof value === 'bigint' && this.#bigAsString ? value.toString() : value;
  }
  bulk(buf: Buffer, start: number, end: number, owned: boolean): Reply {
    return this.returnBuffers
      ? takeBytes(buf, start, end, owned)
      : this.#strings.utf8(buf, start, end);
  }
  nullBulk(): Reply {
    return null;
  }
  nullArray(): Reply {
    return null;
  }
  null(): Reply {
    return null;
  }
  boolean(value: boolean): Reply {
    return value;
  }
  double(value: number): Reply {
    return value;
  }
  bignum(value: bigint): Reply {
    return this.#bigAsString ? value.toString() : value;
  }
  blobError(buf: Buffer, start: number, end: number): Reply {
    return new ReplyError(utf8(buf, start, end));
  }
  verbatim(buf: Buffer, start: number, end: number, owned: boolean): Reply {
    // Skip the three-letter format and its colon (`txt:`).
    return this.returnBuffers ? takeBytes(buf, start + 4, end, owned) : utf8(buf, start + 4, end);
  }
  array(items: Reply[]): Reply {
    return items;
  }
  map(items: Reply[]): Reply {
    if (this.#mapsAsObjects) {
      const object: { [key: string]: Reply } = Object.create(null);
      for (let i = 0; i < items.length; i += 2) object[objectKey(items[i]!)] = items[i + 1]!;
      return object;
    }
    const map = new Map<Reply, Reply>();
    for (let i = 0; i < items.length; i += 2) map.set(items[i]!, items[i + 1]!);
    return map;
  }
  set(items: Reply[]): Reply {
    return this.#setsAsArrays ? items : new Set(items);
  }
  push(items: Reply[]): Reply {
    return items;
  }
  attribute(items: Reply[], value: Reply): Reply {
    this.#onAttribute?.(this.map(items) as Map<Reply, Reply> | { [key: string]: Reply });
    return value;
  }
}

/**
 * A streaming decoder of replies into plain values. Feed it socket chunks
 * with `write`; it calls `onReply` for each complete reply.
 */
export class ReplyDecoder {
  readonly #reader: Reader<Reply>;
  readonly #builder: ValueBuilder;
  readonly #strings = new ShortStrings();

  /** @throws RangeError when a limit is not an integer >= 1. */
  constructor(options: ReplyDecoderOptions) {
    const { onReply, onPush } = options;
    this.#builder = new ValueBuilder(options, this.#strings);
    this.#reader = new Reader<Reply>(
      this.#builder,
      resolveLimits(options),
      onPush === undefined
        ? onReply
        : (value, push) => (push ? onPush(value as Reply[]) : onReply(value)),
      options.onError,
      options.transientChunks === true,
    );
  }

  /**
   * Feeds bytes, split anywhere. Never throws for any input: invalid input
   * is reported once through `onError`, after which input is ignored until
   * `reset()`. (An exception thrown by a callback propagates.)
   *
   * Bulk strings returned as Buffers never share memory with `chunk`.
   */
  write(chunk: Buffer): void {
    this.#strings.begin(chunk);
    try {
      this.#reader.write(chunk);
    } finally {
      this.#strings.end();
    }
  }

  /**
   * Whether bulk and verbatim strings come out as Buffers. It may change
   * between replies (a client sets it for the reply it expects next, from
   * inside `onReply`); changing it in the middle of a reply affects the rest
   * of that reply.
   */
  get returnBuffers(): boolean {
    return this.#builder.returnBuffers;
  }

  set returnBuffers(value: boolean) {
    this.#builder.returnBuffers = value;
  }

  /** True when no reply is partly read (a clean point to hand the stream over). */
  get idle(): boolean {
    return this.#reader.idle;
  }

  /** True once a protocol error was reported. */
  get failed(): boolean {
    return this.#reader.failed;
  }

  /** Drops any partly read reply and a previous failure (for a new connection). */
  reset(): void {
    this.#reader.reset();
  }
}
