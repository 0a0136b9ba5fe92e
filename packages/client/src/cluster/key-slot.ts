/**
 * Which of Redis Cluster's 16,384 hash slots a key belongs to: CRC16
 * (XMODEM: polynomial 0x1021, initial value 0) of the key's bytes, modulo
 * 16,384, as the Redis Cluster specification defines it.
 *
 * Hash tags: when the key holds a `{` followed later by a `}` with at
 * least one byte between them, only the bytes between the first `{` and
 * the first `}` after it are hashed, so `{user:1}:name` and
 * `{user:1}:email` share a slot and may appear in one multi-key command.
 *
 * @module
 */

import { Buffer } from 'node:buffer';

/** Hash slots in a Redis Cluster. */
export const CLUSTER_SLOTS = 16_384;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

// CRC16-XMODEM, one table lookup per byte.
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    table[byte] = crc & 0xffff;
  }
  return table;
})();

function crc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++)
    crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!) & 0xffff;
  return crc;
}

// Measured hot path (apps/bench client-cluster): an ASCII string, the
// common key, hashed from its characters with no Buffer made; -1 for any
// other string (its UTF-8 bytes are hashed instead).
function asciiKeySlot(key: string): number {
  let start = 0;
  let end = key.length;
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) return -1;
    crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ code) & 0xff]!) & 0xffff;
  }
  // Outside the tag the key may hold any character: its bytes are not hashed.
  return crc % CLUSTER_SLOTS;
}

/**
 * The hash slot (0 to 16,383) of `key`, hash tags included. A string is
 * hashed as its UTF-8 bytes, as the server sees it.
 */
export function keySlot(key: string | Uint8Array): number {
  if (typeof key === 'string') {
    const slot = asciiKeySlot(key);
    if (slot !== -1) return slot;
  }
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  let start = 0;
  let end = bytes.length;
  const open = bytes.indexOf(OPEN_BRACE);
  if (open !== -1) {
    const close = bytes.indexOf(CLOSE_BRACE, open + 1);
    // `{}` (nothing between) is no tag: the whole key is hashed.
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  return crc16(bytes, start, end) % CLUSTER_SLOTS;
}
