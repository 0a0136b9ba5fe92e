/**
 * The one limit every timer in the client respects: Node's timers wait at
 * most 2^31 - 1 ms (about 24.8 days). Given a longer delay, `setTimeout`
 * warns (TimeoutOverflowWarning) and fires after 1 ms, so a long command
 * timeout or backoff would fire at once, or re-arm every millisecond.
 *
 * @module
 */

/** The longest delay a Node timer honours, in milliseconds. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * `ms` made safe for `setTimeout`: at least 0, at most MAX_TIMER_DELAY
 * (Infinity included). A timer clamped this way fires early; its callback
 * must check the time and re-arm for what is left.
 */
export function timerDelay(ms: number): number {
  return Math.min(MAX_TIMER_DELAY, Math.max(0, ms));
}
