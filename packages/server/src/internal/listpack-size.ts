/**
 * The bytes a Redis listpack spends on each element (listpack.c's
 * `lpEncodeGetType`/`lpEncodeBacklen`), for the one place where Redis's
 * behaviour depends on them: a stream starts a new node once its tail
 * listpack would pass `stream-node-max-bytes` (stream.ts). Strings that
 * are canonical 64-bit integers are stored as integers, as lpAppend does.
 *
 * @module
 */

import { toInteger } from './args.js';

/** An empty listpack: the 6-byte header and the end byte. */
export const EMPTY_LISTPACK_BYTES = 7;

// The bytes lpEncodeBacklen needs for an element of `length` bytes.
function backlenBytes(length: number): number {
  if (length <= 127) return 1;
  if (length < 16383) return 2;
  if (length < 2097151) return 3;
  if (length < 268435455) return 4;
  return 5;
}

/** The bytes of an integer element (its encoding and its one back-length byte). */
export function integerElementBytes(value: number | bigint): number {
  const v = typeof value === 'bigint' ? value : BigInt(value);
  let encoded: number;
  if (v >= 0n && v <= 127n) encoded = 1;
  else if (v >= -4096n && v <= 4095n) encoded = 2;
  else if (v >= -32768n && v <= 32767n) encoded = 3;
  else if (v >= -8388608n && v <= 8388607n) encoded = 4;
  else if (v >= -2147483648n && v <= 2147483647n) encoded = 5;
  else encoded = 9;
  return encoded + 1;
}

/** The bytes of a string element holding `bytes` (latin1 text: one char per byte). */
export function stringElementBytes(bytes: Buffer): number {
  if (bytes.length <= 20) {
    const integer = toInteger(bytes.toString('latin1'));
    if (integer !== undefined) return integerElementBytes(integer);
  }
  const length = bytes.length;
  const encoded = length < 64 ? 1 + length : length < 4096 ? 2 + length : 5 + length;
  return encoded + backlenBytes(encoded);
}
