/**
 * The allocator's view of sizes, as Redis's MEMORY USAGE sees it: Redis
 * 7.0 is built with jemalloc, and `zmalloc_size` of an allocation is the
 * size class jemalloc rounds the request up to. memory-usage.ts adds these
 * up as objectComputeSize does; sds.ts grows strings by them.
 *
 * jemalloc's classes on x86-64 (16-byte quantum): 8, then multiples of 16
 * up to 128, then four classes per doubling (160, 192, 224, 256; 320,
 * 384, ...), the same pattern for page-sized and larger classes.
 * redis-server 7.0.15 confirms it: `SET k v` (an 8-byte key allocation, a
 * 24-byte dictEntry, a 21-byte embedded string rounded to 32) answers 64.
 *
 * @module
 */

/** The bytes jemalloc hands out for a request of `size` bytes (its size class). */
export function allocationSize(size: number): number {
  if (size <= 8) return 8;
  if (size <= 128) return Math.ceil(size / 16) * 16;
  // Four classes between 2^k and 2^(k+1): steps of 2^(k-2).
  const step = 2 ** (Math.floor(Math.log2(size - 1)) - 2);
  return Math.ceil(size / step) * step;
}
