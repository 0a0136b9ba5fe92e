/**
 * Multi-producer, multi-consumer channels, like Rust's async-channel crate:
 * both halves can be cloned, and each value is received by exactly one
 * receiver (receivers waiting are served in the order they started waiting).
 *
 * The channel closes for receivers when every sender handle is closed (they
 * drain the buffer, then see `undefined`), and for senders when every
 * receiver handle is closed (then buffered values are dropped, since nobody
 * can read them, and senders get `SendError`).
 *
 * Cancel safety: as for mpsc, aborting a wait loses nothing.
 *
 * @module
 */

import { Chan } from './internal/chan.js';
import { ReceiverBase } from './internal/chan-receiver.js';
import { Permit, Sender, type TrySendResult, UnboundedSender } from './internal/chan-sender.js';
import { checkInteger } from './internal/shared.js';

export type { TryRecvResult } from './internal/chan-receiver.js';
export { Permit, Sender, type TrySendResult, UnboundedSender };

/** A receiving handle; clone it for more consumers. */
export class Receiver<T extends {} | null> extends ReceiverBase<T> {
  #released = false;

  /** Another receiving handle on the same channel. */
  clone(): Receiver<T> {
    if (this.#released)
      throw new TypeError('Expected an open receiver, got one whose close() was already called');
    this.chan.receivers++;
    return new Receiver(this.chan);
  }

  /**
   * Releases this handle. When it was the last receiver, the channel closes
   * for senders and buffered values are dropped. Idempotent.
   */
  close(): void {
    if (this.#released) return;
    this.#released = true;
    if (--this.chan.receivers === 0) {
      this.chan.closeRx();
      this.chan.discardBuffer();
    }
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Creates a bounded multi-consumer channel with room for `capacity` values.
 *
 * @throws RangeError when `capacity` is not an integer >= 1.
 */
export function channel<T extends {} | null>(capacity: number): [Sender<T>, Receiver<T>] {
  checkInteger('capacity', capacity, 1);
  const chan = new Chan<T>(capacity);
  return [new Sender(chan), new Receiver(chan)];
}

/** Creates a multi-consumer channel whose senders never wait. */
export function unboundedChannel<T extends {} | null>(): [UnboundedSender<T>, Receiver<T>] {
  const chan = new Chan<T>(null);
  return [new UnboundedSender(chan), new Receiver(chan)];
}
