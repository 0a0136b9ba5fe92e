/**
 * The RDB format's building blocks, as Redis 7.0 writes and reads them
 * (rdb.c), for DUMP, RESTORE and FUNCTION DUMP/RESTORE: lengths (6, 14,
 * 32 or 64 bits), strings (raw, as a small integer, or LZF-compressed),
 * binary doubles, millisecond times, and a payload's footer (the RDB
 * version and a CRC-64).
 *
 * `RdbWriter` collects bytes; `RdbReader` reads them off a payload and
 * throws `RdbFormatError` for anything that does not read, so a caller
 * turns every malformed payload into one error reply.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { crc64 } from './crc64.js';
import { lzfCompress, lzfDecompress } from './lzf.js';

/** The RDB version Redis 7.0 writes; a payload of a later one is refused. */
export const RDB_VERSION = 10;

// Encoded strings: the two top bits of the length byte set, then the kind.
const ENC_INT8 = 0;
const ENC_INT16 = 1;
const ENC_INT32 = 2;
const ENC_LZF = 3;

/** Thrown by `RdbReader` for bytes that do not read as what was asked. */
export class RdbFormatError extends Error {
  constructor(what: string) {
    super(`malformed RDB data: ${what}`);
    this.name = 'RdbFormatError';
  }
}

/** Appends RDB values to a growing list of chunks. */
export class RdbWriter {
  readonly #chunks: Buffer[] = [];
  readonly #compress: boolean;

  /** `compress`: strings over 20 bytes LZF-compressed where that pays (Redis's rdbcompression). */
  constructor(compress = true) {
    this.#compress = compress;
  }

  /** One byte (a type or an opcode). */
  byte(value: number): this {
    this.#chunks.push(Buffer.of(value));
    return this;
  }

  /** Bytes as they are (rdbWriteRaw). */
  raw(bytes: Buffer): this {
    this.#chunks.push(bytes);
    return this;
  }

  /** rdbSaveLen: 6 bits, 14 bits, 32 bits or 64 bits, big-endian. */
  length(length: number | bigint): this {
    const n = BigInt(length);
    if (n < 1n << 6n) return this.byte(Number(n));
    if (n < 1n << 14n) return this.raw(Buffer.of(0x40 | Number(n >> 8n), Number(n & 0xffn)));
    if (n <= 0xffffffffn) {
      const out = Buffer.alloc(5);
      out[0] = 0x80;
      out.writeUInt32BE(Number(n), 1);
      return this.raw(out);
    }
    const out = Buffer.alloc(9);
    out[0] = 0x81;
    out.writeBigUInt64BE(BigInt.asUintN(64, n), 1);
    return this.raw(out);
  }

  /**
   * rdbSaveRawString: a short decimal integer as an integer encoding, a
   * string over 20 bytes LZF-compressed when that saves at least 4 bytes
   * (when this writer compresses: rdbcompression yes), else its length and
   * bytes.
   */
  string(bytes: Buffer): this {
    if (bytes.length <= 11) {
      const integer = integerEncoding(bytes);
      if (integer !== null) return this.raw(integer);
    }
    if (this.#compress && bytes.length > 20) {
      const compressed = lzfCompress(bytes, bytes.length - 4);
      if (compressed !== null)
        return this.byte(0xc0 | ENC_LZF)
          .length(compressed.length)
          .length(bytes.length)
          .raw(compressed);
    }
    return this.length(bytes.length).raw(bytes);
  }

  /** rdbSaveBinaryDoubleValue: 8 bytes, little-endian. */
  double(value: number): this {
    const out = Buffer.alloc(8);
    out.writeDoubleLE(value);
    return this.raw(out);
  }

  /** rdbSaveMillisecondTime: 8 bytes, little-endian. */
  milliseconds(value: number | bigint): this {
    const out = Buffer.alloc(8);
    out.writeBigInt64LE(BigInt(value));
    return this.raw(out);
  }

  /** Everything written so far. */
  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }

  /** Everything written, then the payload footer: the RDB version and the CRC-64 (DUMP's). */
  payload(): Buffer {
    this.raw(Buffer.of(RDB_VERSION & 0xff, RDB_VERSION >> 8));
    const body = Buffer.concat(this.#chunks);
    const footer = Buffer.alloc(8);
    footer.writeBigUInt64LE(crc64(body));
    return Buffer.concat([body, footer]);
  }
}

// rdbTryIntegerEncoding: a decimal integer that reads back the same, in 8, 16 or 32 bits.
function integerEncoding(bytes: Buffer): Buffer | null {
  const text = bytes.toString('latin1');
  if (!/^(?:0|-?[1-9][0-9]{0,10})$/.test(text)) return null;
  const value = Number(text);
  if (value >= -128 && value <= 127) return Buffer.of(0xc0 | ENC_INT8, value & 0xff);
  if (value >= -32768 && value <= 32767) {
    const out = Buffer.of(0xc0 | ENC_INT16, 0, 0);
    out.writeInt16LE(value, 1);
    return out;
  }
  if (value >= -(2 ** 31) && value <= 2 ** 31 - 1) {
    const out = Buffer.of(0xc0 | ENC_INT32, 0, 0, 0, 0);
    out.writeInt32LE(value, 1);
    return out;
  }
  return null;
}

/**
 * Checks a DUMP payload's footer as Redis's verifyDumpPayload: at least 10
 * bytes, an RDB version Redis 7.0 reads, the CRC-64. Returns the body (the
 * bytes before the footer), or null when it does not check.
 */
export function verifyPayload(payload: Buffer): Buffer | null {
  const length = payload.length;
  if (length < 10) return null;
  const version = payload[length - 10]! | (payload[length - 9]! << 8);
  if (version > RDB_VERSION) return null;
  if (crc64(payload.subarray(0, length - 8)) !== payload.readBigUInt64LE(length - 8)) return null;
  return payload.subarray(0, length - 10);
}

/** Reads RDB values off a payload's body; throws RdbFormatError for what does not read. */
export class RdbReader {
  readonly #bytes: Buffer;
  #position = 0;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.#bytes.length - this.#position;
  }

  byte(): number {
    if (this.#position >= this.#bytes.length) throw new RdbFormatError('unexpected end');
    return this.#bytes[this.#position++]!;
  }

  /** `count` bytes as they are (a view). */
  raw(count: number): Buffer {
    if (count < 0 || this.#position + count > this.#bytes.length)
      throw new RdbFormatError('unexpected end');
    const out = this.#bytes.subarray(this.#position, this.#position + count);
    this.#position += count;
    return out;
  }

  // rdbLoadLenByRef: a length, or, for an encoded string, its encoding.
  #lengthOrEncoding(): { length: bigint; encoded: boolean } {
    const first = this.byte();
    switch (first >> 6) {
      case 0:
        return { length: BigInt(first & 0x3f), encoded: false };
      case 1:
        return { length: BigInt(((first & 0x3f) << 8) | this.byte()), encoded: false };
      case 2:
        if (first === 0x80) return { length: BigInt(this.raw(4).readUInt32BE(0)), encoded: false };
        if (first === 0x81) return { length: this.raw(8).readBigUInt64BE(0), encoded: false };
        throw new RdbFormatError('unknown length encoding');
      default:
        return { length: BigInt(first & 0x3f), encoded: true };
    }
  }

  /** A length as a 64-bit unsigned integer (rdbLoadLen). */
  bigLength(): bigint {
    const read = this.#lengthOrEncoding();
    if (read.encoded) throw new RdbFormatError('an encoded string where a length was expected');
    return read.length;
  }

  /** A length that counts things in this payload: at most its remaining bytes. */
  length(): number {
    const length = this.bigLength();
    if (length > BigInt(this.remaining)) throw new RdbFormatError('a length past the end');
    return Number(length);
  }

  /** A string (rdbGenericLoadStringObject): raw, an integer encoding, or LZF. */
  string(): Buffer {
    const read = this.#lengthOrEncoding();
    if (!read.encoded) {
      if (read.length > BigInt(this.remaining)) throw new RdbFormatError('a string past the end');
      return Buffer.from(this.raw(Number(read.length)));
    }
    switch (Number(read.length)) {
      case ENC_INT8:
        return Buffer.from(String(this.raw(1).readInt8(0)));
      case ENC_INT16:
        return Buffer.from(String(this.raw(2).readInt16LE(0)));
      case ENC_INT32:
        return Buffer.from(String(this.raw(4).readInt32LE(0)));
      case ENC_LZF: {
        const compressedLength = this.length();
        const length = this.bigLength();
        // LZF expands at most 88 times (3 bytes for 264), so a larger
        // claimed length is a lie; checked before anything is allocated.
        if (length > BigInt(compressedLength) * 88n + 32n)
          throw new RdbFormatError('an LZF length past what its data can hold');
        const data = lzfDecompress(this.raw(compressedLength), Number(length));
        if (data === null) throw new RdbFormatError('invalid LZF data');
        return data;
      }
      default:
        throw new RdbFormatError('unknown string encoding');
    }
  }

  /** rdbLoadBinaryDoubleValue. */
  double(): number {
    return this.raw(8).readDoubleLE(0);
  }

  /** rdbLoadMillisecondTime. */
  milliseconds(): bigint {
    return this.raw(8).readBigInt64LE(0);
  }
}
