/**
 * FUNCTION DUMP's payload, in Redis 7.0's format, so a payload moves
 * between this server and Redis both ways: for each library the RDB
 * opcode FUNCTION2 (245) and its code as an RDB string (LZF-compressed
 * when that saves space, as with rdbcompression on), then the RDB
 * version (10, little-endian) and the CRC-64 of all that (little-endian).
 *
 * Reading also takes Redis 7.0's release candidates' opcode (246: name,
 * engine, optional description, code), as Redis does.
 *
 * @module
 */

import { CommandError } from '../errors.js';
import { crc64 } from './crc64.js';
import { lzfCompress, lzfDecompress } from './lzf.js';

/** The RDB version Redis 7.0 writes; a payload of a later one is refused. */
export const RDB_VERSION = 10;
const OPCODE_FUNCTION_PRE_GA = 246;
const OPCODE_FUNCTION2 = 245;
const ENC_INT8 = 0;
const ENC_INT16 = 1;
const ENC_INT32 = 2;
const ENC_LZF = 3;

/** The payload FUNCTION DUMP replies with for libraries with `codes` (Latin-1). */
export function dumpFunctions(codes: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const code of codes) {
    parts.push(Buffer.of(OPCODE_FUNCTION2), rdbString(Buffer.from(code, 'latin1')));
  }
  parts.push(Buffer.of(RDB_VERSION & 0xff, RDB_VERSION >> 8));
  const body = Buffer.concat(parts);
  const footer = Buffer.alloc(8);
  footer.writeBigUInt64LE(crc64(body));
  return Buffer.concat([body, footer]);
}

/**
 * The libraries' codes in a FUNCTION RESTORE payload, read one at a time
 * (Redis loads each before it reads the next, so an error in an earlier
 * library is the one reported).
 * @throws CommandError "ERR DUMP payload version or checksum are wrong"
 *   before the first, and Redis's texts for a payload that does not read.
 */
export function* readFunctions(payload: Buffer): Generator<string> {
  const length = payload.length;
  const wrong = () => new CommandError('ERR DUMP payload version or checksum are wrong');
  if (length < 10) throw wrong();
  const version = payload[length - 10]! | (payload[length - 9]! << 8);
  if (version > RDB_VERSION) throw wrong();
  if (crc64(payload.subarray(0, length - 8)) !== payload.readBigUInt64LE(length - 8)) throw wrong();
  const reader = new RdbReader(payload);
  while (length - reader.position > 10) {
    const type = reader.byte();
    if (type === undefined) throw new CommandError('ERR can not read data type');
    if (type !== OPCODE_FUNCTION2 && type !== OPCODE_FUNCTION_PRE_GA)
      throw new CommandError('ERR given type is not a function');
    if (type === OPCODE_FUNCTION2) {
      yield reader.stringOr('Failed loading library payload');
      continue;
    }
    const name = reader.stringOr('Failed loading library name');
    const engine = reader.stringOr('Failed loading engine name');
    const hasDescription = reader.length();
    if (hasDescription === undefined)
      throw new CommandError('ERR Failed loading library description indicator');
    if (hasDescription !== 0) reader.stringOr('Failed loading library description');
    const code = reader.stringOr('Failed loading library payload');
    yield `#!${engine} name=${name}\n${code}`;
  }
}

// rdbSaveRawString: a short integer as an integer encoding, a string over
// 20 bytes LZF-compressed when that saves at least 4 bytes, else raw.
function rdbString(bytes: Buffer): Buffer {
  if (bytes.length <= 11) {
    const integer = integerEncoding(bytes.toString('latin1'));
    if (integer !== null) return integer;
  }
  if (bytes.length > 20) {
    const compressed = lzfCompress(bytes, bytes.length - 4);
    if (compressed !== null)
      return Buffer.concat([
        Buffer.of(0xc0 | ENC_LZF),
        rdbLength(compressed.length),
        rdbLength(bytes.length),
        compressed,
      ]);
  }
  return Buffer.concat([rdbLength(bytes.length), bytes]);
}

// rdbTryIntegerEncoding: a decimal integer that reads back the same, in 8, 16 or 32 bits.
function integerEncoding(text: string): Buffer | null {
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

// rdbSaveLen: 6 bits, 14 bits, 32 bits or 64 bits, big-endian.
function rdbLength(length: number): Buffer {
  if (length < 1 << 6) return Buffer.of(length);
  if (length < 1 << 14) return Buffer.of(0x40 | (length >> 8), length & 0xff);
  const out = Buffer.alloc(5);
  out[0] = 0x80;
  out.writeUInt32BE(length, 1);
  return out;
}

// Reads RDB values off a payload; undefined for anything that does not read.
class RdbReader {
  readonly #bytes: Buffer;
  position = 0;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  byte(): number | undefined {
    return this.position < this.#bytes.length ? this.#bytes[this.position++] : undefined;
  }

  #take(count: number): Buffer | undefined {
    if (this.position + count > this.#bytes.length) return undefined;
    const out = this.#bytes.subarray(this.position, this.position + count);
    this.position += count;
    return out;
  }

  // rdbLoadLenByRef: the length, or, for an encoded string, its encoding.
  #lengthOrEncoding(): { length: number; encoded: boolean } | undefined {
    const first = this.byte();
    if (first === undefined) return undefined;
    switch (first >> 6) {
      case 0:
        return { length: first & 0x3f, encoded: false };
      case 1: {
        const second = this.byte();
        return second === undefined
          ? undefined
          : { length: ((first & 0x3f) << 8) | second, encoded: false };
      }
      case 2: {
        if (first === 0x80) {
          const bytes = this.#take(4);
          return bytes && { length: bytes.readUInt32BE(0), encoded: false };
        }
        if (first === 0x81) {
          const bytes = this.#take(8);
          if (bytes === undefined) return undefined;
          const length = bytes.readBigUInt64BE(0);
          return length > BigInt(this.#bytes.length)
            ? undefined
            : { length: Number(length), encoded: false };
        }
        return undefined;
      }
      default:
        return { length: first & 0x3f, encoded: true };
    }
  }

  /** A length (rdbLoadLen), or undefined. */
  length(): number | undefined {
    const read = this.#lengthOrEncoding();
    return read === undefined || read.encoded ? undefined : read.length;
  }

  /** A string (rdbGenericLoadStringObject), as Latin-1; a CommandError "ERR <failure>" when it does not read. */
  stringOr(failure: string): string {
    const text = this.#string();
    if (text === undefined) throw new CommandError(`ERR ${failure}`);
    return text;
  }

  #string(): string | undefined {
    const read = this.#lengthOrEncoding();
    if (read === undefined) return undefined;
    if (!read.encoded) return this.#take(read.length)?.toString('latin1');
    switch (read.length) {
      case ENC_INT8:
        return this.#take(1)?.readInt8(0).toString();
      case ENC_INT16:
        return this.#take(2)?.readInt16LE(0).toString();
      case ENC_INT32:
        return this.#take(4)?.readInt32LE(0).toString();
      case ENC_LZF: {
        const compressedLength = this.length();
        const length = this.length();
        if (compressedLength === undefined || length === undefined) return undefined;
        const compressed = this.#take(compressedLength);
        // LZF expands at most 88 times (3 bytes for 264), so a larger
        // claimed length is a lie; checked before anything is allocated.
        if (compressed === undefined || length > compressedLength * 88 + 32) return undefined;
        return lzfDecompress(compressed, length)?.toString('latin1');
      }
      default:
        return undefined;
    }
  }
}
