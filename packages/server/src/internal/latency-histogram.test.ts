// The latency histogram: values read back as Redis's HdrHistogram reads
// them (the figures below are redis-server 7.0's INFO latencystats and
// LATENCY HISTOGRAM for the same latencies).
import { describe, expect, it } from 'vitest';
import {
  HIGHEST_TRACKABLE_NS,
  highestEquivalentValue,
  LatencyHistogram,
  lowestEquivalentValue,
} from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('reads a value back as the highest of its sub-bucket, as Redis reports it', () => {
    // Redis: 3 µs → p50=3.007, 6 → 6.015, 13 → 13.055, 34 → 34.047, 80 → 80.383.
    const expected: [number, number][] = [
      [3000, 3007],
      [6000, 6015],
      [13_000, 13_055],
      [34_000, 34_047],
      [80_000, 80_383],
      // Below 256 ns every value has a counter of its own.
      [1, 1],
      [255, 255],
    ];
    for (const [value, read] of expected) {
      const histogram = new LatencyHistogram();
      histogram.record(value);
      expect(histogram.valueAtPercentile(50)).toBe(read);
      expect(highestEquivalentValue(value)).toBe(read);
    }
    expect(lowestEquivalentValue(6000)).toBe(5984);
  });

  it('clamps values to 1 ns .. 1 s', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0);
    expect(histogram.valueAtPercentile(100)).toBe(1);
    histogram.record(5 * HIGHEST_TRACKABLE_NS);
    expect(histogram.valueAtPercentile(100)).toBe(highestEquivalentValue(HIGHEST_TRACKABLE_NS));
    expect(histogram.totalCount).toBe(2);
  });

  it('finds percentiles by rank, rounding the count as HdrHistogram does', () => {
    const histogram = new LatencyHistogram();
    for (let us = 1; us <= 100; us++) histogram.record(us * 1000);
    expect(histogram.valueAtPercentile(50)).toBe(highestEquivalentValue(50_000));
    expect(histogram.valueAtPercentile(99)).toBe(highestEquivalentValue(99_000));
    expect(histogram.valueAtPercentile(99.9)).toBe(highestEquivalentValue(100_000));
    expect(histogram.valueAtPercentile(150)).toBe(highestEquivalentValue(100_000));
    // 0: the lowest value of the first counter in use.
    expect(histogram.valueAtPercentile(0)).toBe(lowestEquivalentValue(1000));
    expect(new LatencyHistogram().valueAtPercentile(50)).toBe(0);
  });

  it("lists LATENCY HISTOGRAM's cumulative buckets, doubling from 1 µs", () => {
    // Redis: GET at 3 µs and 6 µs → {4: 1, 8: 2}; SET at 13 µs → {16: 1}.
    const get = new LatencyHistogram();
    get.record(3000);
    get.record(6000);
    expect(get.cumulativeBuckets()).toEqual([
      [4, 1],
      [8, 2],
    ]);
    const set = new LatencyHistogram();
    set.record(13_000);
    expect(set.cumulativeBuckets()).toEqual([[16, 1]]);
    // Sub-microsecond calls count in the first bucket; buckets without
    // new calls are left out; a bucket is named by the highest value of
    // the counter at its power of two (2^20 ns → 1056 µs; Redis names an
    // EVAL of 2 to 4 ms 4227: 2^22 ns).
    const mixed = new LatencyHistogram();
    mixed.record(1);
    mixed.record(500);
    mixed.record(1_000_000);
    expect(mixed.cumulativeBuckets()).toEqual([
      [1, 2],
      [1056, 3],
    ]);
    expect(new LatencyHistogram().cumulativeBuckets()).toEqual([]);
  });
});
