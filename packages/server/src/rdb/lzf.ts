/**
 * LZF, the compression Redis applies to strings longer than 20 bytes in
 * RDB files and DUMP payloads (liblzf 3.6 as Redis 7.0 builds it: a
 * 2^16-slot hash table, VERY_FAST). The compressor is a port of lzf_compress, so a
 * payload comes out as Redis's does (Redis leaves its hash table
 * uninitialized, which in principle can change a match; here it starts
 * empty); the decompressor checks every reference, since its input comes
 * from clients.
 *
 * Format: `000LLLLL` and L+1 literal bytes; `LLLooooo oooooooo`, a
 * back-reference of L+2 bytes at distance o+1; `111ooooo LLLLLLLL
 * oooooooo`, the same with L+9 bytes.
 *
 * @module
 */

import { Buffer } from 'node:buffer';

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

// lzf_c.c's IDX for VERY_FAST: a multiplicative-like hash of three bytes.
function slot(hval: number): number {
  return ((hval >>> (3 * 8 - HLOG)) - hval * 5) & (HSIZE - 1);
}

/**
 * Compresses `input` into at most `limit` bytes (Redis asks for at most
 * the input's length - 4). Returns null when it does not fit, as
 * lzf_compress returns 0.
 */
export function lzfCompress(input: Uint8Array, limit: number): Buffer | null {
  const inLen = input.length;
  if (inLen === 0 || limit <= 0) return null;
  // Positions + 1, so 0 is an empty slot (never a match: Redis requires
  // ref > in_data, so position 0 is never matched either).
  const htab = new Int32Array(HSIZE);
  const out = Buffer.alloc(limit);
  let ip = 0;
  let op = 0;
  let lit = 0;
  op++; // start run
  let hval = (input[0]! << 8) | (input[1] ?? 0);
  while (ip < inLen - 2) {
    hval = ((hval << 8) | input[ip + 2]!) >>> 0;
    const h = slot(hval);
    const ref = htab[h]! - 1;
    htab[h] = ip + 1;
    const off = ip - ref - 1;
    if (
      ref > 0 &&
      off < MAX_OFF &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1] &&
      input[ref + 2] === input[ip + 2]
    ) {
      let len = 2;
      let maxlen = inLen - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;
      if (op - (lit === 0 ? 1 : 0) + 3 + 1 >= limit) return null;
      out[op - lit - 1] = lit - 1; // stop run (as a byte: -1 becomes 255, overwritten below)
      if (lit === 0) op--; // undo run if length is zero
      // lzf_c.c first compares 16 bytes unrolled, without looking at
      // maxlen, when more than 16 may match; its result can then pass
      // maxlen by 2, and the port keeps that.
      let mismatch = false;
      if (maxlen > 16) {
        for (let i = 0; i < 16 && !mismatch; i++) {
          len++;
          mismatch = input[ref + len] !== input[ip + len];
        }
      }
      if (!mismatch) {
        do len++;
        while (len < maxlen && input[ref + len] === input[ip + len]);
      }
      len -= 2; // len is now #octets - 1
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // start run
      ip += len + 1;
      if (ip >= inLen - 2) break;
      // VERY_FAST: hash the two positions before the new one.
      ip -= 2;
      hval = (input[ip]! << 8) | input[ip + 1]!;
      hval = ((hval << 8) | input[ip + 2]!) >>> 0;
      htab[slot(hval)] = ip + 1;
      ip++;
      hval = ((hval << 8) | input[ip + 2]!) >>> 0;
      htab[slot(hval)] = ip + 1;
      ip++;
    } else {
      if (op >= limit) return null;
      lit++;
      out[op++] = input[ip++]!;
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }
  if (op + 3 > limit) return null;
  while (ip < inLen) {
    lit++;
    out[op++] = input[ip++]!;
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1; // end run
  if (lit === 0) op--;
  return out.subarray(0, op);
}

/**
 * Decompresses `input` into exactly `length` bytes. Returns null when the
 * data is malformed (a reference before the start, a run past either
 * end) or does not give `length` bytes.
 */
export function lzfDecompress(input: Uint8Array, length: number): Buffer | null {
  const out = Buffer.alloc(length);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    let ctrl = input[ip++]!;
    if (ctrl < 1 << 5) {
      ctrl++;
      if (op + ctrl > length || ip + ctrl > input.length) return null;
      out.set(input.subarray(ip, ip + ctrl), op);
      ip += ctrl;
      op += ctrl;
      continue;
    }
    let len = ctrl >> 5;
    let ref = op - ((ctrl & 0x1f) << 8) - 1;
    if (ip >= input.length) return null;
    if (len === 7) {
      len += input[ip++]!;
      if (ip >= input.length) return null;
    }
    ref -= input[ip++]!;
    len += 2;
    if (op + len > length || ref < 0) return null;
    // Byte by byte: a reference may overlap what it writes.
    for (let i = 0; i < len; i++) out[op++] = out[ref++]!;
  }
  return op === length ? out : null;
}
