/**
 * HyperLogLog as Redis 7.0 keeps it (hyperloglog.c): not a type of its
 * own but a string value whose bytes are the sketch, so GET, SET, COPY and
 * the rest see the very bytes redis-server would hold.
 *
 * The layout: a 16-byte header ("HYLL", the encoding, three unused bytes,
 * and the last computed cardinality as a little-endian 64-bit integer
 * whose top bit marks it stale), then 16384 registers of 6 bits. Two
 * encodings of the registers:
 *
 * - dense: 12288 bytes, register i in bits 6i to 6i+5, least significant
 *   bit first;
 * - sparse: runs of registers, as opcodes ZERO (`00xxxxxx`, 1 to 64 zero
 *   registers), XZERO (`01xxxxxx yyyyyyyy`, 1 to 16384 zeros) and VAL
 *   (`1vvvvvxx`, 1 to 4 registers of value 1 to 32). A new sketch is
 *   sparse and turns dense when a register passes 32 or the string would
 *   pass `hll-sparse-max-bytes` (3000).
 *
 * An element is hashed with MurmurHash64A (seed 0xadc83b19): the low 14
 * bits pick the register, and the position of the first 1 bit above them
 * (1 to 51) is its candidate value. The cardinality is Ertl's improved
 * estimator over the registers' histogram. Each step is Redis's, so the
 * bytes after any sequence of PFADD and PFMERGE, and every PFCOUNT, are
 * redis-server's.
 *
 * `HllEditor` changes a dense sketch in place, as SETBIT changes a string
 * (replies copy what they send, so none holds the old bytes), and a sparse
 * one, which grows, on a copy the command then stores. (Copying the 12 KB
 * of a dense sketch for every PFADD made pipelined PFADD 0.28x of
 * redis-server in apps/bench.)
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { roomFor } from './internal/sds.js';

/** Registers per sketch. */
export const HLL_REGISTERS = 16384;
/** Header bytes before the registers. */
export const HLL_HEADER_SIZE = 16;
/** The dense encoding's whole length. */
export const HLL_DENSE_SIZE = HLL_HEADER_SIZE + (HLL_REGISTERS * 6) / 8;
/** Redis's reply to a sparse sketch whose runs do not add up. */
export const INVALID_HLL = 'INVALIDOBJ Corrupted HLL object detected';
/** Redis's reply to a string that is not a sketch. */
export const NOT_AN_HLL = 'WRONGTYPE Key is not a valid HyperLogLog string value.';

const DENSE = 0;
const SPARSE = 1;
// The largest value a VAL opcode holds, and the longest run of each opcode.
const VAL_MAX_VALUE = 32;
const VAL_MAX_LEN = 4;
const ZERO_MAX_LEN = 64;
// 0.5 / ln(2), the estimator's constant (Redis's 0.721347520444481703680, as a double).
const ALPHA_INF = 0.7213475204444817;

// --- MurmurHash64A -----------------------------------------------------------
//
// The hot path of PFADD: 64-bit arithmetic on two 32-bit halves (BigInt
// would allocate per step). HI and LO hold a result.

let HI = 0;
let LO = 0;
const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;

// (HI, LO) = (hi, lo) * m mod 2^64.
function multiplyByM(hi: number, lo: number): void {
  // The low words' full 64-bit product from 16-bit pieces (each partial
  // product below 2^32 is exact in a double).
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const b0 = M_LO & 0xffff;
  const b1 = M_LO >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const middle = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  LO = (((middle & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16);
  HI = (carry + Math.imul(hi, M_LO) + Math.imul(lo, M_HI)) >>> 0;
}

// (HI, LO) = MurmurHash64A(bytes, seed 0xadc83b19), as Redis's (endian-neutral).
function murmurHash64A(bytes: Uint8Array): void {
  const length = bytes.length;
  // h = seed ^ (len * m); len * m's high word carries past 32 bits.
  multiplyByM(0, length);
  let hi = HI;
  let lo = (LO ^ 0xadc83b19) >>> 0;
  const whole = length - (length & 7);
  for (let i = 0; i < whole; i += 8) {
    const kLo =
      (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    const kHi =
      (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24)) >>> 0;
    multiplyByM(kHi, kLo);
    // k ^= k >> 47
    multiplyByM(HI, (LO ^ (HI >>> 15)) >>> 0);
    hi = (hi ^ HI) >>> 0;
    lo = (lo ^ LO) >>> 0;
    multiplyByM(hi, lo);
    hi = HI;
    lo = LO;
  }
  const rest = length & 7;
  if (rest > 0) {
    for (let j = rest - 1; j >= 0; j--) {
      const byte = bytes[whole + j]!;
      if (j >= 4) hi = (hi ^ (byte << ((j - 4) * 8))) >>> 0;
      else lo = (lo ^ (byte << (j * 8))) >>> 0;
    }
    multiplyByM(hi, lo);
    hi = HI;
    lo = LO;
  }
  lo = (lo ^ (hi >>> 15)) >>> 0;
  multiplyByM(hi, lo);
  HI = HI >>> 0;
  LO = (LO ^ (HI >>> 15)) >>> 0;
}

// The register `element` hashes to, and its run length: REGISTER and RUN.
let REGISTER = 0;
let RUN = 0;

// hllPatLen: the low 14 bits pick the register; the run is the position of
// the first 1 bit above them, with bit 50 of the rest set so it ends by 51.
function patternOf(element: Uint8Array): void {
  murmurHash64A(element);
  REGISTER = LO & (HLL_REGISTERS - 1);
  // hash >> 14, then | 1 << 50: 36 bits over the high word's 18.
  const low = ((LO >>> 14) | (HI << 18)) >>> 0;
  const high = ((HI >>> 14) | (1 << 18)) >>> 0;
  RUN = low !== 0 ? 1 + trailingZeros(low) : 33 + trailingZeros(high);
}

function trailingZeros(word: number): number {
  return 31 - Math.clz32(word & -word);
}

// --- registers ---------------------------------------------------------------

/** Register `index` of a dense sketch's bytes (from the header on). */
export function denseRegister(bytes: Uint8Array, index: number): number {
  const at = HLL_HEADER_SIZE + ((index * 6) >>> 3);
  const shift = (index * 6) & 7;
  // The last register's next byte is past the end: Redis reads sds's NUL there.
  return ((bytes[at]! >>> shift) | ((bytes[at + 1] ?? 0) << (8 - shift))) & 63;
}

/** Sets register `index` of a dense sketch's bytes to `value` (0-63). */
export function setDenseRegister(bytes: Uint8Array, index: number, value: number): void {
  const at = HLL_HEADER_SIZE + ((index * 6) >>> 3);
  const shift = (index * 6) & 7;
  bytes[at] = (bytes[at]! & ~(63 << shift)) | (value << shift);
  if (at + 1 < bytes.length)
    bytes[at + 1] = (bytes[at + 1]! & ~(63 >>> (8 - shift))) | (value >>> (8 - shift));
}

const isZero = (op: number) => (op & 0xc0) === 0;
const isXzero = (op: number) => (op & 0xc0) === 0x40;
const isVal = (op: number) => (op & 0x80) !== 0;
const zeroLength = (op: number) => (op & 0x3f) + 1;
const xzeroLength = (op: number, next: number) => (((op & 0x3f) << 8) | next) + 1;
const valValue = (op: number) => ((op >>> 2) & 0x1f) + 1;
const valLength = (op: number) => (op & 3) + 1;
const valOp = (value: number, length: number) => ((value - 1) << 2) | (length - 1) | 0x80;

/**
 * Calls `run(first, length, value)` for each run of a sparse sketch's
 * registers; false when the runs do not cover exactly 16384 registers (a
 * corrupt sketch). A run past the last register stops the walk and makes
 * the sketch corrupt even when the runs before it covered every register
 * (bytes appended to a sketch), as Redis 7.0.12 and later check in
 * hllMerge and hllSparseToDense.
 */
function forEachRun(
  bytes: Uint8Array,
  run: (first: number, length: number, value: number) => void,
): boolean {
  let index = 0;
  let at = HLL_HEADER_SIZE;
  while (at < bytes.length) {
    const op = bytes[at]!;
    if (isZero(op)) {
      index += zeroLength(op);
      at++;
    } else if (isXzero(op)) {
      index += xzeroLength(op, bytes[at + 1] ?? 0);
      at += 2;
    } else {
      const length = valLength(op);
      if (index + length > HLL_REGISTERS) return false;
      run(index, length, valValue(op));
      index += length;
      at++;
    }
  }
  return index === HLL_REGISTERS;
}

// --- the value as a whole --------------------------------------------------

/**
 * Whether `value` is a sketch Redis would accept (isHLLObjectOrReply):
 * "HYLL", a known encoding, and a dense one exactly 12304 bytes long.
 * An integer-encoded string never is.
 */
export function isHll(value: Uint8Array): boolean {
  if (value.length < HLL_HEADER_SIZE) return false;
  if (value[0] !== 0x48 || value[1] !== 0x59 || value[2] !== 0x4c || value[3] !== 0x4c)
    return false;
  const encoding = value[4]!;
  if (encoding > SPARSE) return false;
  return encoding !== DENSE || value.length === HLL_DENSE_SIZE;
}

/** A new, empty sketch: sparse, one XZERO run of 16384, a valid cached 0. */
export function emptyHll(): Buffer {
  const bytes = Buffer.alloc(HLL_HEADER_SIZE + 2);
  bytes.write('HYLL', 0, 'latin1');
  bytes[4] = SPARSE;
  bytes[HLL_HEADER_SIZE] = 0x40 | ((HLL_REGISTERS - 1) >>> 8);
  bytes[HLL_HEADER_SIZE + 1] = (HLL_REGISTERS - 1) & 0xff;
  return bytes;
}

/** The cached cardinality, or undefined when it is stale. */
export function cachedCardinality(value: Uint8Array): number | bigint | undefined {
  if ((value[15]! & 0x80) !== 0) return undefined;
  let card = 0n;
  for (let i = 15; i >= 8; i--) card = (card << 8n) | BigInt(value[i]!);
  return card <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(card) : card;
}

/** Writes `card` into a header's cache (marking it valid). */
export function writeCardinality(value: Uint8Array, card: number): void {
  let rest = card;
  for (let i = 8; i < 16; i++) {
    value[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

/** Whether the sketch is sparse (PFDEBUG ENCODING). */
export function isSparse(value: Uint8Array): boolean {
  return value[4] === SPARSE;
}

/**
 * Raises `max[i]` to each register of `value` (hllMerge); false for a
 * corrupt sparse sketch.
 */
export function mergeRegisters(max: Uint8Array, value: Uint8Array): boolean {
  if (value[4] === DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const register = denseRegister(value, i);
      if (register > max[i]!) max[i] = register;
    }
    return true;
  }
  return forEachRun(value, (first, length, register) => {
    for (let i = first; i < first + length; i++) if (register > max[i]!) max[i] = register;
  });
}

/**
 * The estimated cardinality of a sketch, or of registers given one per
 * byte (PFCOUNT of several keys); undefined for a corrupt sparse sketch.
 */
export function estimate(value: Uint8Array, raw = false): number | undefined {
  const histogram = new Array<number>(64).fill(0);
  if (raw) for (let i = 0; i < HLL_REGISTERS; i++) histogram[value[i]!]!++;
  else if (value[4] === DENSE)
    for (let i = 0; i < HLL_REGISTERS; i++) histogram[denseRegister(value, i)]!++;
  else {
    let covered = 0;
    let at = HLL_HEADER_SIZE;
    // hllSparseRegHisto: every run counts, then the total is checked.
    while (at < value.length) {
      const op = value[at]!;
      if (isZero(op)) {
        histogram[0]! += zeroLength(op);
        covered += zeroLength(op);
        at++;
      } else if (isXzero(op)) {
        const length = xzeroLength(op, value[at + 1] ?? 0);
        histogram[0]! += length;
        covered += length;
        at += 2;
      } else {
        histogram[valValue(op)]! += valLength(op);
        covered += valLength(op);
        at++;
      }
    }
    if (covered !== HLL_REGISTERS) return undefined;
  }
  // Ertl, "New cardinality estimation algorithms for HyperLogLog
  // sketches" (arXiv:1702.01284), in Redis's order of operations.
  const m = HLL_REGISTERS;
  let z = m * tau((m - histogram[51]!) / m);
  for (let j = 50; j >= 1; j--) {
    z += histogram[j]!;
    z *= 0.5;
  }
  z += m * sigma(histogram[0]! / m);
  // llroundl: halves away from zero, and z is positive.
  return Math.round((ALPHA_INF * m * m) / z);
}

function sigma(value: number): number {
  if (value === 1) return Number.POSITIVE_INFINITY;
  let x = value;
  let y = 1;
  let z = x;
  let previous: number;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (previous !== z);
  return z;
}

function tau(value: number): number {
  if (value === 0 || value === 1) return 0;
  let x = value;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  do {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (previous !== z);
  return z / 3;
}

/**
 * Changes to one sketch, in place as Redis makes them: adds elements,
 * sets registers, turns it dense. A sparse sketch grows as Redis's sds
 * string grows (internal/sds.ts: room for 3 more bytes before each
 * change), so its room is what Redis's would be. `bytes()` is the result
 * to store. Every method returns Redis's: 1 when a register rose, 0 when
 * not, -1 for a corrupt sparse sketch.
 */
export class HllEditor {
  // The sketch's bytes, from the start: its room, past #length.
  #bytes: Uint8Array;
  #length: number;
  readonly #source: Buffer;
  readonly #sparseMaxBytes: number;

  /** Edits `value` (a stored value, which may change in place). */
  constructor(value: Buffer, sparseMaxBytes: number) {
    this.#source = value;
    this.#length = value.length;
    this.#bytes = value;
    this.#sparseMaxBytes = sparseMaxBytes;
  }

  /** The sketch as it now is, to store (`value` itself when it was changed in place). */
  bytes(): Buffer {
    if (this.#bytes === this.#source) return this.#source;
    return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, this.#length);
  }

  /** Marks the cached cardinality stale (after a change). */
  invalidateCache(): void {
    this.#bytes[15]! |= 0x80;
  }

  /** Adds `element` (hllAdd). */
  add(element: Uint8Array): number {
    patternOf(element);
    return this.setRegister(REGISTER, RUN);
  }

  /** Raises register `index` to `count` when it is lower (hllDenseSet or hllSparseSet). */
  setRegister(index: number, count: number): number {
    if (this.#bytes[4] === DENSE) return this.#setDense(index, count);
    return this.#setSparse(index, count);
  }

  #setDense(index: number, count: number): number {
    if (count <= denseRegister(this.#bytes, index)) return 0;
    setDenseRegister(this.#bytes, index, count);
    return 1;
  }

  /** Turns a sparse sketch dense (hllSparseToDense); false when it is corrupt. */
  toDense(): boolean {
    if (this.#bytes[4] === DENSE) return true;
    const sparse = this.#bytes.subarray(0, this.#length);
    const dense = new Uint8Array(HLL_DENSE_SIZE);
    // The header comes along: magic and cached cardinality.
    dense.set(sparse.subarray(0, HLL_HEADER_SIZE));
    dense[4] = DENSE;
    const valid = forEachRun(sparse, (first, length, value) => {
      for (let i = first; i < first + length; i++) setDenseRegister(dense, i, value);
    });
    if (!valid) return false;
    this.#bytes = dense;
    this.#length = HLL_DENSE_SIZE;
    return true;
  }

  // hllSparseSet: find the opcode covering `index`; if the register must
  // rise, split that opcode into at most three (the longest: XZERO, VAL,
  // XZERO, 5 bytes), then merge equal VAL neighbours. Promotes to dense
  // when the value needs more than 5 bits or the string would grow past
  // hll-sparse-max-bytes.
  #setSparse(index: number, count: number): number {
    if (count > VAL_MAX_VALUE) return this.#promote(index, count);
    this.#reserve(3);
    const bytes = this.#bytes;
    let end = this.#length;
    let at = HLL_HEADER_SIZE;
    let first = 0;
    let previous = -1;
    let span = 0;
    while (at < end) {
      const op = bytes[at]!;
      let opLength = 1;
      if (isZero(op)) span = zeroLength(op);
      else if (isVal(op)) span = valLength(op);
      else {
        span = xzeroLength(op, bytes[at + 1]!);
        opLength = 2;
      }
      if (index <= first + span - 1) break;
      previous = at;
      at += opLength;
      first += span;
    }
    if (span === 0 || at >= end) return -1;
    const op = bytes[at]!;
    let next = isXzero(op) ? at + 2 : at + 1;
    if (next >= end) next = -1;
    const last = first + span - 1;
    let updated = false;
    if (isVal(op)) {
      const current = valValue(op);
      if (current >= count) return 0;
      if (valLength(op) === 1) {
        bytes[at] = valOp(count, 1);
        updated = true;
      }
    } else if (isZero(op) && zeroLength(op) === 1) {
      bytes[at] = valOp(count, 1);
      updated = true;
    }
    if (!updated) {
      const sequence: number[] = [];
      const zeros = (length: number) => {
        if (length > ZERO_MAX_LEN) sequence.push(0x40 | ((length - 1) >>> 8), (length - 1) & 0xff);
        else sequence.push(length - 1);
      };
      if (isVal(op)) {
        const current = valValue(op);
        if (index !== first) sequence.push(valOp(current, index - first));
        sequence.push(valOp(count, 1));
        if (index !== last) sequence.push(valOp(current, last - index));
      } else {
        if (index !== first) zeros(index - first);
        sequence.push(valOp(count, 1));
        if (index !== last) zeros(last - index);
      }
      const oldLength = isXzero(op) ? 2 : 1;
      const delta = sequence.length - oldLength;
      if (delta > 0 && this.#length + delta > this.#sparseMaxBytes)
        return this.#promote(index, count);
      if (delta !== 0 && next !== -1) bytes.copyWithin(next + delta, next, end);
      this.#length += delta;
      end += delta;
      bytes.set(sequence, at);
    }
    // Merge adjacent VAL opcodes of equal value, scanning up to 5 opcodes
    // from the one before the change.
    let p = previous === -1 ? HLL_HEADER_SIZE : previous;
    let scan = 5;
    while (p < end && scan-- > 0) {
      const current = bytes[p]!;
      if (isXzero(current)) {
        p += 2;
        continue;
      }
      if (isZero(current)) {
        p++;
        continue;
      }
      if (p + 1 < end && isVal(bytes[p + 1]!)) {
        const value = valValue(current);
        const length = valLength(current) + valLength(bytes[p + 1]!);
        if (value === valValue(bytes[p + 1]!) && length <= VAL_MAX_LEN) {
          bytes[p + 1] = valOp(value, length);
          bytes.copyWithin(p, p + 1, end);
          this.#length--;
          end--;
          // The merged run may merge again with the one on its right.
          continue;
        }
      }
      p++;
    }
    this.invalidateCache();
    return 1;
  }

  #promote(index: number, count: number): number {
    if (!this.toDense()) return -1;
    return this.#setDense(index, count);
  }

  // Room for `extra` more bytes past the current length (sdsMakeRoomFor).
  #reserve(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const bytes = this.#bytes;
    this.#bytes = roomFor(Buffer.from(bytes.buffer, bytes.byteOffset, this.#length), extra);
  }
}

/**
 * PFDEBUG DECODE's text for a sparse sketch: `z:N` for ZERO, `Z:N` for
 * XZERO, `v:value,N` for VAL, space-separated.
 */
export function describeSparse(value: Uint8Array): string {
  const parts: string[] = [];
  let at = HLL_HEADER_SIZE;
  while (at < value.length) {
    const op = value[at]!;
    if (isZero(op)) {
      parts.push(`z:${zeroLength(op)}`);
      at++;
    } else if (isXzero(op)) {
      parts.push(`Z:${xzeroLength(op, value[at + 1] ?? 0)}`);
      at += 2;
    } else {
      parts.push(`v:${valValue(op)},${valLength(op)}`);
      at++;
    }
  }
  return parts.join(' ');
}
