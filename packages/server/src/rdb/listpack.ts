/**
 * Redis's listpack (listpack.c), byte for byte, as DUMP payloads carry it
 * for small hashes and sorted sets, list nodes and stream nodes: a 6-byte
 * header (total bytes, element count), the elements, and an end byte.
 * Each element is its encoding (a 7, 13, 16, 24, 32 or 64-bit integer, or
 * a string with a 6, 12 or 32-bit length), its data, and its own length
 * written backwards (so the list can be walked from the tail).
 *
 * A string that is a canonical 64-bit integer is stored as an integer,
 * as lpAppend does. The reader checks every byte it is given (lengths,
 * back-lengths, the header's totals): the bytes come from clients.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { toInteger } from '../internal/args.js';
import { RdbFormatError } from './format.js';

const HEADER_BYTES = 6;
const END = 0xff;
// The header's element count when there are 65,535 or more (count them).
const COUNT_UNKNOWN = 65535;

// lpEncodeBacklen: the element's length, 7 bits per byte, written so it
// reads from its last byte backwards.
function backlen(length: number): number[] {
  if (length <= 127) return [length];
  if (length < 16383) return [length >> 7, (length & 127) | 128];
  if (length < 2097151) return [length >> 14, ((length >> 7) & 127) | 128, (length & 127) | 128];
  if (length < 268435455)
    return [
      length >> 21,
      ((length >> 14) & 127) | 128,
      ((length >> 7) & 127) | 128,
      (length & 127) | 128,
    ];
  return [
    Math.floor(length / 2 ** 28),
    ((length >> 21) & 127) | 128,
    ((length >> 14) & 127) | 128,
    ((length >> 7) & 127) | 128,
    (length & 127) | 128,
  ];
}

// An integer element's encoding and data (lpEncodeIntegerGetType).
function integerBytes(value: bigint): number[] {
  if (value >= 0n && value <= 127n) return [Number(value)];
  if (value >= -4096n && value <= 4095n) {
    const v = Number(value < 0n ? (1n << 13n) + value : value);
    return [(v >> 8) | 0xc0, v & 0xff];
  }
  const littleEndian = (marker: number, bytes: number): number[] => {
    const out = [marker];
    const v = BigInt.asUintN(bytes * 8, value);
    for (let i = 0; i < bytes; i++) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
    return out;
  };
  if (value >= -32768n && value <= 32767n) return littleEndian(0xf1, 2);
  if (value >= -8388608n && value <= 8388607n) return littleEndian(0xf2, 3);
  if (value >= -2147483648n && value <= 2147483647n) return littleEndian(0xf3, 4);
  return littleEndian(0xf4, 8);
}

/** Builds a listpack element by element (lpAppend, lpAppendInteger). */
export class ListpackBuilder {
  readonly #parts: Buffer[] = [];
  #bytes = HEADER_BYTES + 1;
  #count = 0;

  /** The listpack's bytes so far (lpBytes), header and end byte included. */
  get size(): number {
    return this.#bytes;
  }

  /** Appends a string: as an integer when it is a canonical 64-bit one. */
  string(bytes: Buffer): this {
    if (bytes.length <= 20) {
      const integer = toInteger(bytes.toString('latin1'));
      if (integer !== undefined) return this.integer(integer);
    }
    const length = bytes.length;
    const head =
      length < 64
        ? [0x80 | length]
        : length < 4096
          ? [0xe0 | (length >> 8), length & 0xff]
          : [0xf0, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24];
    return this.#element(Buffer.concat([Buffer.from(head), bytes]));
  }

  /** Appends an integer. */
  integer(value: number | bigint): this {
    return this.#element(Buffer.from(integerBytes(BigInt(value))));
  }

  #element(encoded: Buffer): this {
    this.#parts.push(encoded, Buffer.from(backlen(encoded.length)));
    this.#bytes += encoded.length + backlen(encoded.length).length;
    this.#count++;
    return this;
  }

  /** The listpack's bytes. */
  finish(): Buffer {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(this.#bytes, 0);
    header.writeUInt16LE(Math.min(this.#count, COUNT_UNKNOWN), 4);
    return Buffer.concat([header, ...this.#parts, Buffer.of(END)]);
  }
}

/** A listpack element: a string's bytes, or an integer. */
export type ListpackElement = Buffer | bigint;

/** An element as the string it stands for (an integer in decimal). */
export function elementBytes(element: ListpackElement): Buffer {
  return typeof element === 'bigint' ? Buffer.from(element.toString()) : element;
}

/**
 * Reads every element of a listpack, checking its structure as Redis's
 * lpValidateIntegrity does in deep mode.
 * @throws RdbFormatError for bytes that are not a well-formed listpack.
 */
export function readListpack(bytes: Buffer): ListpackElement[] {
  if (bytes.length < HEADER_BYTES + 1) throw new RdbFormatError('listpack too short');
  if (bytes.readUInt32LE(0) !== bytes.length) throw new RdbFormatError('listpack size mismatch');
  if (bytes[bytes.length - 1] !== END) throw new RdbFormatError('listpack without its end');
  const declared = bytes.readUInt16LE(4);
  const elements: ListpackElement[] = [];
  const end = bytes.length - 1;
  let p = HEADER_BYTES;
  while (p < end) {
    const start = p;
    const need = (count: number) => {
      if (p + count > end) throw new RdbFormatError('listpack element past the end');
    };
    const b = bytes[p]!;
    let element: ListpackElement;
    if ((b & 0x80) === 0) {
      element = BigInt(b);
      p += 1;
    } else if ((b & 0xc0) === 0x80) {
      const length = b & 0x3f;
      need(1 + length);
      element = Buffer.from(bytes.subarray(p + 1, p + 1 + length));
      p += 1 + length;
    } else if ((b & 0xe0) === 0xc0) {
      need(2);
      const unsigned = ((b & 0x1f) << 8) | bytes[p + 1]!;
      element = BigInt(unsigned >= 1 << 12 ? unsigned - (1 << 13) : unsigned);
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      need(2);
      const length = ((b & 0x0f) << 8) | bytes[p + 1]!;
      need(2 + length);
      element = Buffer.from(bytes.subarray(p + 2, p + 2 + length));
      p += 2 + length;
    } else {
      const widths: Record<number, number> = { 241: 2, 242: 3, 243: 4, 244: 8 };
      const width = widths[b];
      if (width !== undefined) {
        need(1 + width);
        let value = 0n;
        for (let i = width - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[p + 1 + i]!);
        element = BigInt.asIntN(width * 8, value);
        p += 1 + width;
      } else if (b === 0xf0) {
        need(5);
        const length = bytes.readUInt32LE(p + 1);
        need(5 + length);
        element = Buffer.from(bytes.subarray(p + 5, p + 5 + length));
        p += 5 + length;
      } else {
        throw new RdbFormatError('unknown listpack encoding');
      }
    }
    const back = backlen(p - start);
    need(back.length);
    for (let i = 0; i < back.length; i++)
      if (bytes[p + i] !== back[i]) throw new RdbFormatError('listpack back-length mismatch');
    p += back.length;
    elements.push(element);
  }
  if (declared !== COUNT_UNKNOWN && declared !== elements.length)
    throw new RdbFormatError('listpack count mismatch');
  return elements;
}
