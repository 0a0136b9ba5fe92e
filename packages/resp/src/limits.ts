/**
 * The limits every decoder enforces, so a hostile peer cannot make it
 * allocate without bound. Defaults follow Redis.
 *
 * @module
 */

/** Bounds on what a decoder accepts; every field is optional. */
export interface DecoderLimits {
  /** Largest bulk string, in bytes. Default 512 MiB (Redis's `proto-max-bulk-len`). */
  readonly maxBulkLength?: number;
  /** Longest line (a header, simple string, or inline command), in bytes. Default 64 KiB. */
  readonly maxLineLength?: number;
  /** Deepest nesting of aggregates. Default 1024. */
  readonly maxDepth?: number;
  /** Most elements in one aggregate. Default 2^31 - 1 (Redis's INT_MAX). */
  readonly maxAggregateLength?: number;
}

/** The limits with every default filled in. */
export interface ResolvedLimits {
  readonly maxBulkLength: number;
  readonly maxLineLength: number;
  readonly maxDepth: number;
  readonly maxAggregateLength: number;
}

export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  maxBulkLength: 512 * 1024 * 1024,
  maxLineLength: 64 * 1024,
  maxDepth: 1024,
  maxAggregateLength: 2 ** 31 - 1,
});

/** Fills in defaults and checks each given limit is a positive integer. */
export function resolveLimits(limits: DecoderLimits | undefined): ResolvedLimits {
  const resolved: Record<keyof ResolvedLimits, number> = { ...DEFAULT_LIMITS };
  // Only the limit fields: the options object passed in may hold callbacks too.
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof ResolvedLimits)[]) {
    const value = limits?.[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Expected \`${name}\` to be an integer >= 1, got ${String(value)}`);
    }
    resolved[name] = value;
  }
  return resolved;
}
