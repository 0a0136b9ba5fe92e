/**
 * The wall clock in microseconds, for TIME, MONITOR and INFO's
 * server_time_usec: what Redis reads with gettimeofday.
 *
 * `Date.now()` is the wall clock but only to the millisecond;
 * `performance.timeOrigin + performance.now()` has the microseconds but is
 * a monotonic clock anchored once, at process start, and can sit
 * milliseconds (after a clock step, much more) away from the wall clock:
 * MONITOR lines then carried times after the moment their command's
 * reply was read.
 *
 * So the microseconds come from `performance.now()` counted from an
 * anchor, and the anchor follows `Date.now()`. The true time lies in
 * [Date.now(), Date.now() + 1 ms), since Date.now() drops the fraction: an
 * estimate outside that interval is moved to its nearest edge and counted
 * from there on. The two clocks also run at different rates while NTP
 * slews the wall clock (here the wall clock gained 1.9 ms on the monotonic
 * one in 5 s), so such moves are common and a reading then ends in 000:
 * right to the millisecond, coarse below it. Redis's gettimeofday has
 * real microseconds; being right to the millisecond matters more here
 * than digits below it.
 *
 * @module
 */

import { performance } from 'node:perf_hooks';

let anchorWall = Date.now();
let anchorMonotonic = performance.now();

/**
 * Microseconds since the Unix epoch, an integer within the millisecond
 * `Date.now()` gives at the same moment.
 */
export function wallClockMicros(): number {
  const monotonic = performance.now();
  const wall = Date.now();
  let estimate = anchorWall + (monotonic - anchorMonotonic);
  if (estimate < wall || estimate >= wall + 1) {
    estimate = estimate < wall ? wall : wall + 0.999;
    anchorWall = estimate;
    anchorMonotonic = monotonic;
  }
  return Math.floor(estimate * 1000);
}
