/**
 * Reading Redis's ziplist (ziplist.c), the encoding Redis 6 and earlier
 * wrote for small lists, hashes and sorted sets, so RESTORE takes their
 * DUMP payloads: a 10-byte header (total bytes, the tail's offset, the
 * count), entries, and an end byte. Each entry is the previous entry's
 * length (1 byte, or 0xFE and 4 bytes), its encoding (a string with a 6,
 * 14 or 32-bit length, or an integer of 8, 16, 24, 32 or 64 bits, or 0 to
 * 12 in the encoding byte itself) and its data. Every length is checked:
 * the bytes come from clients.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { RdbFormatError } from './format.js';
import type { ListpackElement } from './listpack.js';

const HEADER_BYTES = 10;
const END = 0xff;

/**
 * Reads every entry of a ziplist (as listpack elements: bytes or integers).
 * @throws RdbFormatError for bytes that are not a well-formed ziplist.
 */
export function readZiplist(bytes: Buffer): ListpackElement[] {
  if (bytes.length < HEADER_BYTES + 1) throw new RdbFormatError('ziplist too short');
  if (bytes.readUInt32LE(0) !== bytes.length) throw new RdbFormatError('ziplist size mismatch');
  if (bytes[bytes.length - 1] !== END) throw new RdbFormatError('ziplist without its end');
  const tail = bytes.readUInt32LE(4);
  const declared = bytes.readUInt16LE(8);
  const end = bytes.length - 1;
  const elements: ListpackElement[] = [];
  let p = HEADER_BYTES;
  let previousLength = 0;
  let lastStart = HEADER_BYTES;
  while (p < end) {
    const start = p;
    const need = (count: number) => {
      if (p + count > end) throw new RdbFormatError('ziplist entry past the end');
    };
    need(1);
    let prevlen: number;
    if (bytes[p]! < 0xfe) {
      prevlen = bytes[p]!;
      p += 1;
    } else {
      need(5);
      prevlen = bytes.readUInt32LE(p + 1);
      p += 5;
    }
    if (prevlen !== previousLength) throw new RdbFormatError('ziplist previous length mismatch');
    need(1);
    const b = bytes[p]!;
    let element: ListpackElement;
    switch (b >> 6) {
      case 0: {
        const length = b & 0x3f;
        need(1 + length);
        element = Buffer.from(bytes.subarray(p + 1, p + 1 + length));
        p += 1 + length;
        break;
      }
      case 1: {
        need(2);
        const length = ((b & 0x3f) << 8) | bytes[p + 1]!;
        need(2 + length);
        element = Buffer.from(bytes.subarray(p + 2, p + 2 + length));
        p += 2 + length;
        break;
      }
      case 2: {
        if (b !== 0x80) throw new RdbFormatError('unknown ziplist encoding');
        need(5);
        const length = bytes.readUInt32BE(p + 1);
        need(5 + length);
        element = Buffer.from(bytes.subarray(p + 5, p + 5 + length));
        p += 5 + length;
        break;
      }
      default: {
        const integers: Record<number, [number, (at: number) => bigint]> = {
          192: [2, (at) => BigInt(bytes.readInt16LE(at))],
          208: [4, (at) => BigInt(bytes.readInt32LE(at))],
          224: [8, (at) => bytes.readBigInt64LE(at)],
          240: [3, (at) => BigInt(bytes.readIntLE(at, 3))],
          254: [1, (at) => BigInt(bytes.readInt8(at))],
        };
        const integer = integers[b];
        if (integer !== undefined) {
          need(1 + integer[0]);
          element = integer[1](p + 1);
          p += 1 + integer[0];
        } else if (b >= 0xf1 && b <= 0xfd) {
          element = BigInt((b & 0x0f) - 1);
          p += 1;
        } else {
          throw new RdbFormatError('unknown ziplist encoding');
        }
      }
    }
    previousLength = p - start;
    lastStart = start;
    elements.push(element);
  }
  if (elements.length > 0 && tail !== lastStart) throw new RdbFormatError('ziplist tail mismatch');
  if (declared !== 0xffff && declared !== elements.length)
    throw new RdbFormatError('ziplist count mismatch');
  return elements;
}
