/**
 * Strings changed in place (APPEND, SETRANGE, SETBIT, BITFIELD) grow as
 * Redis's sds strings grow: with room to spare, so that a run of APPENDs
 * costs amortized O(1) per call instead of a copy of the whole value each
 * time, and so that MEMORY USAGE can say what Redis would have allocated.
 *
 * Redis's rules (sds.c, 7.0): a new string of n bytes gets a header of 1
 * byte below 32 bytes (type 5, which cannot remember spare room), 3 below
 * 256, 5 below 64 KiB, 9 beyond, plus the bytes and a NUL, rounded up to
 * the allocator's size class (size-classes.ts). Growing a string past its
 * room (sdsMakeRoomFor) asks for twice the new length (under 1 MiB) or
 * the new length plus 1 MiB, never with a type-5 header; whatever the size
 * class adds is room too, up to the header type's maximum.
 *
 * A grown value is a view of the start of a larger Buffer whose
 * ArrayBuffer belongs to it alone; the registry below, keyed by that
 * ArrayBuffer, records the room Redis would have. Any other string value
 * (a pooled slice, the exact size) is a string Redis would hold exactly.
 * Stored values are Buffers only the keyspace holds, so writing into the
 * spare room is safe; replacing the value drops the record with it.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { allocationSize } from './size-classes.js';

/** Redis's SDS_MAX_PREALLOC: greedy growth doubles up to 1 MiB, then adds 1 MiB. */
const MAX_PREALLOC = 1024 * 1024;

/** How Redis would hold a string's bytes: its header's size and its allocation. */
interface SdsShape {
  readonly header: 1 | 3 | 5 | 9 | 17;
  /** zmalloc_size of the whole sds (header, bytes, NUL, slack). */
  readonly allocated: number;
}

// The record of every grown value, by its own ArrayBuffer.
const shapes = new WeakMap<ArrayBufferLike, SdsShape>();

// sdsReqType: the header a string of `length` bytes needs.
function headerFor(length: number): SdsShape['header'] {
  if (length < 32) return 1;
  if (length < 256) return 3;
  if (length < 65536) return 5;
  return length < 2 ** 32 ? 9 : 17;
}

// sdsTypeMaxSize: the most a header type can count.
function maxFor(header: SdsShape['header']): number {
  switch (header) {
    case 1:
      return 31;
    case 3:
      return 255;
    case 5:
      return 65535;
    case 9:
      return 2 ** 32 - 1;
    case 17:
      return Number.MAX_SAFE_INTEGER;
  }
}

// sdsnewlen: an exact string; an empty one gets a type-8 header.
function exactShape(length: number): SdsShape {
  const header = length === 0 ? 3 : headerFor(length);
  return { header, allocated: allocationSize(header + length + 1) };
}

// sdsalloc: the bytes the string may hold without growing (a type-5
// header records none beyond its length).
function capacityOf(shape: SdsShape, length: number): number {
  if (shape.header === 1) return length;
  return Math.min(shape.allocated - shape.header - 1, maxFor(shape.header));
}

function shapeOf(value: Buffer): SdsShape {
  return shapes.get(value.buffer) ?? exactShape(value.length);
}

/**
 * Drops what `value` remembers of its growth: Redis's dbUnshareStringValue
 * makes an exact copy of a string it did not hold as a raw sds of its own
 * (an embedded string or an integer), so a command about to change such a
 * value in place calls this first.
 */
export function forgetGrowth(value: Buffer): void {
  shapes.delete(value.buffer);
}

/**
 * Room for `extra` bytes past `value`'s end, as sdsMakeRoomFor makes it:
 * a Buffer over all of the value's room (its length is the capacity),
 * the value's bytes first. It is `value`'s own room when that suffices
 * (so writes to it change the stored value), else a new one with what
 * Redis would allocate. A value of its prefix (`subarray(0, n)`) is the
 * grown string.
 */
export function roomFor(value: Buffer, extra: number): Buffer {
  const length = value.length;
  let shape = shapeOf(value);
  if (length + extra <= capacityOf(shape, length) && shapes.has(value.buffer))
    return Buffer.from(value.buffer, value.byteOffset, value.buffer.byteLength - value.byteOffset);
  if (length + extra > capacityOf(shape, length)) {
    // Greedy: twice the new length under 1 MiB, else 1 MiB more.
    const wanted =
      length + extra < MAX_PREALLOC ? (length + extra) * 2 : length + extra + MAX_PREALLOC;
    const header = headerFor(wanted) === 1 ? 3 : headerFor(wanted);
    shape = { header, allocated: allocationSize(header + wanted + 1) };
  }
  // Redis has the room already (an exact string whose size class left
  // some), or has just made it: hold it for real, in a Buffer of our own.
  const room = Buffer.allocUnsafeSlow(capacityOf(shape, length));
  value.copy(room, 0, 0, length);
  shapes.set(room.buffer, shape);
  return room;
}

/**
 * `value` grown to `length` bytes as sdsgrowzero grows it (the new bytes
 * are zero): the same Buffer when `length` is not more, else a view of
 * its room (roomFor). Use the returned Buffer as the key's value.
 */
export function growString(value: Buffer, length: number): Buffer {
  const current = value.length;
  if (length <= current) return value;
  const room = roomFor(value, length - current);
  room.fill(0, current, length);
  return room.subarray(0, length);
}

/** `value` with `suffix` after it (sdscatlen), grown as growString grows it. */
export function appendToString(value: Buffer, suffix: Uint8Array): Buffer {
  const start = value.length;
  const grown = growString(value, start + suffix.length);
  grown.set(suffix, start);
  return grown;
}

/** What Redis's allocator holds for a raw string's sds: sdsZmallocSize. */
export function rawStringAllocation(value: Buffer): number {
  return shapeOf(value).allocated;
}

/** What Redis's allocator holds for an sds it made exactly `length` bytes long (sdsnewlen, sdsdup). */
export function exactStringAllocation(length: number): number {
  return exactShape(length).allocated;
}
