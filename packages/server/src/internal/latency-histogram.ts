/**
 * A command's latency histogram, as Redis keeps one per command for INFO
 * latencystats and LATENCY HISTOGRAM: HdrHistogram's layout with the
 * settings Redis gives it (values from 1 ns to 1 s, two significant
 * figures), so the percentiles and buckets read back are Redis's exactly.
 *
 * HdrHistogram splits the value range into buckets that double in width;
 * each holds 128 sub-buckets (256 for the first), which keeps any value's
 * error within 1%. A value is counted in the sub-bucket covering it, and
 * read back as the highest value that sub-bucket covers (6000 ns reads as
 * 6015 ns). With these settings there are 23 buckets: 3,072 counters.
 *
 * @module
 */

// 2 × 10^2 values must be told apart within a bucket: 256 sub-buckets,
// of which the upper half (128) is what each further bucket adds.
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 7;
const SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
const SUB_BUCKET_MASK = 2 * SUB_BUCKET_HALF_COUNT - 1;
// Buckets until 256 × 2^22 passes the highest value: 23, plus the first half.
const BUCKET_COUNT = 23;
const COUNTS_LENGTH = (BUCKET_COUNT + 1) * SUB_BUCKET_HALF_COUNT;

/** The lowest and highest values kept, in nanoseconds; others are clamped to them. */
export const LOWEST_TRACKABLE_NS = 1;
export const HIGHEST_TRACKABLE_NS = 1_000_000_000;

// Which bucket `value` falls in: the position of its highest bit, less
// the sub-bucket bits (values are below 2^32, so 32-bit arithmetic holds).
function bucketIndex(value: number): number {
  return 32 - Math.clz32(value | SUB_BUCKET_MASK) - (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);
}

// Runs once per command (the latency of each is recorded): the shift is
// Math.floor(value / 2 ** bucket) without the call to pow that `**` with a
// variable exponent costs (measured: 0.7% of the server's CPU under MSET).
// Exact: value < 2^31, and flooring before the division changes nothing.
function countsIndex(value: number): number {
  const bucket = bucketIndex(value);
  const subBucket = value >>> bucket;
  return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (subBucket - SUB_BUCKET_HALF_COUNT);
}

// The lowest value counter `index` covers.
function valueAtIndex(index: number): number {
  let bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
  let subBucket = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
  if (bucket < 0) {
    subBucket -= SUB_BUCKET_HALF_COUNT;
    bucket = 0;
  }
  return subBucket * 2 ** bucket;
}

/** The lowest value counted together with `value`. */
export function lowestEquivalentValue(value: number): number {
  const bucket = bucketIndex(value);
  return Math.floor(value / 2 ** bucket) * 2 ** bucket;
}

/** The highest value counted together with `value`: what HdrHistogram reports for it. */
export function highestEquivalentValue(value: number): number {
  const bucket = bucketIndex(value);
  return lowestEquivalentValue(value) + 2 ** bucket - 1;
}

export class LatencyHistogram {
  readonly #counts = new Float64Array(COUNTS_LENGTH);
  /** Values recorded since the histogram was made. */
  totalCount = 0;

  /** Counts one latency of `nanoseconds` (clamped to 1 ns .. 1 s, as Redis clamps it). */
  record(nanoseconds: number): void {
    const value = Math.min(Math.max(nanoseconds, LOWEST_TRACKABLE_NS), HIGHEST_TRACKABLE_NS);
    this.#counts[countsIndex(value)]!++;
    this.totalCount++;
  }

  /**
   * The value below which `percentile` percent of the recorded values
   * fall, in nanoseconds, as HdrHistogram's hdr_value_at_percentile gives
   * it (0 when nothing is recorded).
   */
  valueAtPercentile(percentile: number): number {
    const requested = Math.min(percentile, 100);
    const wanted = Math.max(Math.floor((requested / 100) * this.totalCount + 0.5), 1);
    let seen = 0;
    for (let index = 0; index < COUNTS_LENGTH; index++) {
      seen += this.#counts[index]!;
      if (seen >= wanted) {
        const value = valueAtIndex(index);
        return percentile === 0 ? lowestEquivalentValue(value) : highestEquivalentValue(value);
      }
    }
    return 0;
  }

  /**
   * LATENCY HISTOGRAM's buckets: HdrHistogram's logarithmic iteration from
   * 1,024 ns doubling each step, as [microseconds, cumulative count] pairs,
   * only where the cumulative count grew (Redis's fillCommandCDF). The
   * microseconds are the highest value of the counter the iteration
   * stopped at, as Redis reports them.
   */
  cumulativeBuckets(): [number, number][] {
    const buckets: [number, number][] = [];
    const counts = this.#counts;
    let index = -1;
    let value = 0;
    let highest = 0;
    let cumulative = 0;
    let previous = 0;
    let level = 1024;
    let levelLowest = lowestEquivalentValue(level);
    for (;;) {
      // hdr_iter's log step: go on while values are left, or while the
      // next counter lies past this reporting level.
      const more =
        cumulative < this.totalCount ||
        (index < COUNTS_LENGTH && valueAtIndex(index + 1) > levelLowest);
      if (!more) break;
      let reported = false;
      for (;;) {
        if (value >= levelLowest) {
          level *= 2;
          levelLowest = lowestEquivalentValue(level);
          reported = true;
          break;
        }
        index++;
        if (index >= COUNTS_LENGTH) break;
        cumulative += counts[index]!;
        value = valueAtIndex(index);
        highest = highestEquivalentValue(value);
      }
      if (!reported) break;
      if (cumulative > previous) buckets.push([Math.floor(highest / 1000), cumulative]);
      previous = cumulative;
    }
    return buckets;
  }
}
