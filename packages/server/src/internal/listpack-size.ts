/**
 * The bytes a Redis listpack spends on each element (listpack.c's
 * `lpEncodeGetType`/`lpEncodeBacklen`), where Redis's behaviour or its
 * reports depend on them: a stream starts a new node once its tail
 * listpack would pass `stream-node-max-bytes` (stream.ts), a list's
 * quicklist nodes hold 8 KB (quicklist.ts), and MEMORY USAGE counts
 * listpacks' sizes (memory-usage.ts). Strings that are canonical 64-bit
 * integers are stored as integers, as lpAppend does.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
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
  // A bigint compares with numbers directly: no conversion either way.
  let encoded: number;
  if (value >= 0 && value <= 127) encoded = 1;
  else if (value >= -4096 && value <= 4095) encoded = 2;
  else if (value >= -32768 && value <= 32767) encoded = 3;
  else if (value >= -8388608 && value <= 8388607) encoded = 4;
  else if (value >= -2147483648 && value <= 2147483647) encoded = 5;
  else encoded = 9;
  return encoded + 1;
}

/** The bytes of a string element holding `bytes` (latin1 text: one char per byte). */
export function stringElementBytes(bytes: Buffer): number {
  const length = bytes.length;
  // Only text starting with a digit or a minus can be an integer: the
  // rest is settled without making a string (lists of any length walk
  // every element through here).
  const first = bytes[0];
  if (length <= 20 && first !== undefined && (first === 45 || (first >= 48 && first <= 57))) {
    const integer = toInteger(bytes.toString('latin1'));
    if (integer !== undefined) return integerElementBytes(integer);
  }
  const encoded = length < 64 ? 1 + length : length < 4096 ? 2 + length : 5 + length;
  return encoded + backlenBytes(encoded);
}

/**
 * `stringElementBytes` of a Latin-1 string's bytes (a hash field, a
 * sorted-set member, a score's text), without making a Buffer of it.
 */
export function latin1ElementBytes(text: string): number {
  const length = text.length;
  const first = text.charCodeAt(0);
  if (length <= 20 && (first === 45 || (first >= 48 && first <= 57))) {
    const integer = toInteger(text);
    if (integer !== undefined) return integerElementBytes(integer);
  }
  const encoded = length < 64 ? 1 + length : length < 4096 ? 2 + length : 5 + length;
  return encoded + backlenBytes(encoded);
}
