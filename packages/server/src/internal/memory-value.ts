/**
 * Memory values as Redis reads them in its settings (memtoull): CONFIG
 * SET's memory settings, redis.conf's and the command line's.
 *
 * @module
 */

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n,
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n ** 2n,
  mb: 1024n ** 2n,
  g: 1000n ** 3n,
  gb: 1024n ** 3n,
};

/**
 * Redis's memtoull: digits and an optional unit (1k is 1000, 1kb 1024),
 * unsigned, within 64 bits; undefined when it is not one. No digits at
 * all reads as 0, as strtoull does. The command line's memory options
 * read the same (main.ts).
 */
export function memoryValue(text: string): bigint | undefined {
  const match = /^([0-9]*)([a-z]*)$/i.exec(text);
  const unit = match ? MEMORY_UNITS[match[2]!.toLowerCase()] : undefined;
  if (match === null || unit === undefined) return undefined;
  const value = BigInt(match[1] || '0') * unit;
  return value <= 18446744073709551615n ? value : undefined;
}
