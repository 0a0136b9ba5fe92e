/**
 * Small pieces every channel shares: the resolved promises of the fast
 * paths, and argument checks with the messages the conventions ask for.
 *
 * @module
 */

/**
 * Returned by every wait that completes at once without a value. One shared
 * settled promise costs nothing per call; `await` on it is as cheap as it gets.
 */
export const RESOLVED: Promise<void> = Promise.resolve();
export const RESOLVED_UNDEFINED: Promise<undefined> = Promise.resolve(undefined);

/** Throws a RangeError unless `value` is an integer in [min, max]. */
export function checkInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`Expected \`${name}\` to be an integer ${range}, got ${String(value)}`);
  }
}

/**
 * Calls `onAbort` once when `signal` aborts, and returns a function that
 * detaches the listener. Waits call it only on their slow path.
 */
export function listenForAbort(signal: AbortSignal, onAbort: () => void): () => void {
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** A function that does nothing: the detach of a wait without a signal. */
export function noop(): void {}
