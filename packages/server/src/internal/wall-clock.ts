/**
 * The wall clock in microseconds, for TIME, MONITOR and INFO's
 * server_time_usec: what Redis reads with gettimeofday.
 *
 * `Date.now()` is the wall clock but only to the millisecond;
 * `performance.timeOrigin + performance.now()` has the microseconds but is
 * a monotonic clock anchored once, at process start, and can sit
 * milliseconds (after a clock step, much more) away from the wall clock:
 * MONITOR lines then carried times after the moment their command's
 * reply was read. So the microseconds come from `performance.now()`
 * counted from an anchor on `Date.now()`, and the anchor moves to the wall
 * clock whenever the two are more than a millisecond apart: the result is
 * always within a millisecond of `Date.now()`.
 *
 * @module
 */

let anchorWall = Date.now();
let anchorMonotonic = performance.now();

/** Microseconds since the Unix epoch, an integer within 1 ms of `Date.now()`. */
export function wallClockMicros(): number {
  const monotonic = performance.now();
  const wall = Date.now();
  let estimate = anchorWall + (monotonic - anchorMonotonic);
  if (estimate > wall + 1 || estimate < wall - 1) {
    anchorWall = wall;
    anchorMonotonic = monotonic;
    estimate = wall;
  }
  return Math.floor(estimate * 1000);
}
