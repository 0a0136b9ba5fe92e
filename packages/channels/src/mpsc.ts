/**
 * Multi-producer, single-consumer channels: the queue between the tasks of
 * the Tokio tutorial and the manager task that owns the connection.
 *
 * `channel(capacity)` is bounded: values wait in a ring buffer of
 * `capacity` slots, and a sender that finds it full waits for a slot, in the
 * order senders arrived, so memory stays bounded and fast producers are held
 * back (backpressure). `unboundedChannel()` never makes a sender wait.
 *
 * Senders are cloned with `clone()` and each one is closed separately; the
 * receiver sees `undefined` once every sender is closed and the buffer is
 * drained. JavaScript has no destructors, so a forgotten sender keeps the
 * channel open: close handles explicitly, or with `using`.
 *
 * Cancel safety: every wait takes an `AbortSignal`; aborting before a value
 * is handed over loses nothing.
 *
 * @module
 */

import { Chan } from './internal/chan.js';
import { ReceiverBase } from './internal/chan-receiver.js';
import { Permit, Sender, type TrySendResult, UnboundedSender } from './internal/chan-sender.js';
import { checkInteger } from './internal/shared.js';

export type { TryRecvResult } from './internal/chan-receiver.js';
export { Permit, Sender, type TrySendResult, UnboundedSender };

/**
 * The receiving half. There is exactly one; it cannot be cloned.
 */
export class Receiver<T extends {} | null> extends ReceiverBase<T> {
  /**
   * Closes the channel for sending: senders fail with `SendError` from now
   * on (waiting senders too), while values already buffered can still be
   * received. Idempotent.
   */
  close(): void {
    this.chan.closeRx();
  }

  /** Closes the channel and drops the values still buffered. Idempotent. */
  [Symbol.dispose](): void {
    this.chan.closeRx();
    this.chan.discardBuffer();
  }
}

/**
 * Creates a bounded channel with room for `capacity` values.
 *
 * @throws RangeError when `capacity` is not an integer >= 1.
 */
export function channel<T extends {} | null>(capacity: number): [Sender<T>, Receiver<T>] {
  checkInteger('capacity', capacity, 1);
  const chan = new Chan<T>(capacity);
  return [new Sender(chan), new Receiver(chan)];
}

/** Creates a channel whose senders never wait. Its buffer grows without a bound. */
export function unboundedChannel<T extends {} | null>(): [UnboundedSender<T>, Receiver<T>] {
  const chan = new Chan<T>(null);
  return [new UnboundedSender(chan), new Receiver(chan)];
}
