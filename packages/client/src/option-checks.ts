/**
 * Checks of the options the constructors take, so that a value out of
 * range fails at once with a `RangeError` naming it, before anything
 * connects, rather than as a client that never connects or one that
 * reconnects without pause.
 *
 * @module
 */

import type { ReconnectOptions } from './actor/manager.js';

/** @internal An integer option checked: `value` when it is at least `min`. @throws RangeError otherwise. */
export function positive(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`Expected \`${name}\` to be an integer >= ${min}, got ${String(value)}`);
  return value;
}

/**
 * @internal The `reconnect` options with `defaults` for what they leave
 * out, checked: the delays integers >= 0 (ms), and `maxAttempts` an
 * integer >= 0 or `Infinity`.
 *
 * @throws RangeError naming the option out of range.
 */
export function reconnectPolicy(
  options: ReconnectOptions | undefined,
  defaults: Required<ReconnectOptions>,
): Required<ReconnectOptions> {
  const policy = { ...defaults, ...options };
  positive('reconnect.initialDelay', policy.initialDelay, 0);
  // (A maxDelay below initialDelay caps it: every wait is maxDelay.)
  positive('reconnect.maxDelay', policy.maxDelay, 0);
  if (policy.maxAttempts !== Number.POSITIVE_INFINITY)
    positive('reconnect.maxAttempts', policy.maxAttempts, 0);
  return policy;
}
