/**
 * What the bit commands (SETBIT, GETBIT, BITCOUNT, BITPOS) share: bit
 * offsets as Redis parses them, BITCOUNT/BITPOS ranges in bytes or bits,
 * and counting set bits.
 *
 * Bits are numbered from the most significant bit of the first byte, as
 * in Redis: bit 0 is `0x80` of byte 0.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from './args.js';

const BAD_OFFSET = 'ERR bit offset is not an integer or out of range';

/**
 * Argument `i` as a bit offset: a non-negative integer whose byte lies
 * within `proto-max-bulk-len` (`maxBytes`), else Redis's error.
 */
export function bitOffsetArg(args: RequestArgs, i: number, maxBytes: number): number {
  const offset = integerArg(args, i, BAD_OFFSET);
  if (typeof offset === 'bigint' || offset < 0 || Math.floor(offset / 8) >= maxBytes)
    throw new CommandError(BAD_OFFSET);
  return offset;
}

/** The value of bit `offset` in `value`: 0 past its end. */
export function bitAt(value: Uint8Array, offset: number): 0 | 1 {
  const byte = offset >>> 3;
  if (byte >= value.length) return 0;
  return ((value[byte]! >> (7 - (offset & 7))) & 1) as 0 | 1;
}

/** A range of bits, both ends included; empty when `first > last`. */
export interface BitRange {
  readonly first: number;
  readonly last: number;
}

/** Argument `i`, BITCOUNT's and BITPOS's unit: true for BIT, false for BYTE, else a syntax error. */
export function inBitsArg(args: RequestArgs, i: number): boolean {
  const unit = option(args, i);
  if (unit === 'BIT') return true;
  if (unit !== 'BYTE') throw new CommandError(Replies.syntax);
  return false;
}

/**
 * The bits BITCOUNT and BITPOS read for `start` and `end` (in bytes, or
 * in bits when `inBits`) of a string of `length` bytes, as Redis resolves
 * them: negative values count from the end, then both are clamped to the
 * string. Empty (`first > last`) when nothing is left.
 */
export function resolveBitRange(
  start: number | bigint,
  end: number | bigint,
  inBits: boolean,
  length: number,
): BitRange {
  const total = inBits ? length * 8 : length;
  // 64-bit values beyond any string only need their sign kept.
  let from = toSafe(start);
  let to = toSafe(end);
  if (from < 0) from = total + from;
  if (to < 0) to = total + to;
  if (from < 0) from = 0;
  if (to < 0) to = 0;
  if (to >= total) to = total - 1;
  if (inBits) return { first: from, last: to };
  return from > to ? { first: 1, last: 0 } : { first: from * 8, last: to * 8 + 7 };
}

function toSafe(value: number | bigint): number {
  if (typeof value === 'number') return value;
  return value < 0n ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

// Set bits per byte value.
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]!;

/** How many bits of `value` in `range` are set. */
export function countBits(value: Uint8Array, range: BitRange): number {
  const { first, last } = range;
  if (first > last) return 0;
  const firstByte = first >>> 3;
  const lastByte = last >>> 3;
  let count = 0;
  for (let i = firstByte; i <= lastByte; i++) count += POPCOUNT[value[i]!]!;
  // Take off the bits of the edge bytes that lie outside the range.
  const headMask = (0xff << (8 - (first & 7))) & 0xff;
  const tailMask = 0xff >> ((last & 7) + 1);
  count -= POPCOUNT[value[firstByte]! & headMask]!;
  count -= POPCOUNT[value[lastByte]! & tailMask]!;
  return count;
}

/** The first bit equal to `bit` in `range`, or -1. */
export function findBit(value: Uint8Array, bit: 0 | 1, range: BitRange): number {
  const { first, last } = range;
  let offset = first;
  // Bit by bit to the first byte boundary, then whole bytes.
  while (offset <= last && (offset & 7) !== 0) {
    if (bitAt(value, offset) === bit) return offset;
    offset++;
  }
  const skip = bit === 1 ? 0x00 : 0xff;
  while (offset + 7 <= last && value[offset >>> 3] === skip) offset += 8;
  for (; offset <= last; offset++) if (bitAt(value, offset) === bit) return offset;
  return -1;
}
