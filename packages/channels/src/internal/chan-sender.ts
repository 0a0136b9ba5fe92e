/**
 * The sending handles of the mpsc and mpmc channels (they are the same:
 * only receivers differ between the two).
 *
 * Each handle counts once toward the channel's open senders until its own
 * `close()`; `clone()` adds another. Closing a handle never drops a value:
 * a send that is still waiting for a slot keeps the channel open until it
 * completes, and a reserved `Permit` does too until it is used or released.
 *
 * @module
 */

import { SendError } from '../errors.js';
import type { Chan } from './chan.js';
import { SEMAPHORE_CLOSED } from './raw-semaphore.js';
import { RESOLVED } from './shared.js';

/** The outcome of `trySend`: sent, or the value back with the reason it was not. */
export type TrySendResult<T> =
  | { readonly status: 'sent' }
  | { readonly status: 'full'; readonly value: T }
  | { readonly status: 'closed'; readonly value: T };

const SENT: TrySendResult<never> = Object.freeze({ status: 'sent' });

const HANDLE_CLOSED = 'Expected an open sender, got one whose close() was already called';

/** What every sending handle shares: lifecycle and introspection. */
abstract class SenderHandle<T> {
  /** @internal */
  protected readonly chan: Chan<T>;
  /** @internal */
  protected released = false;

  /** @internal Handles come from `channel()`/`unboundedChannel()` and `clone()`. */
  constructor(chan: Chan<T>) {
    this.chan = chan;
  }

  /**
   * Resolves when every receiver is gone (or the receiving side closed), so
   * a producer can stop producing for nobody.
   */
  closed(): Promise<void> {
    return this.chan.whenRxClosed();
  }

  /** True when sends can no longer succeed: the receivers are gone or this handle is closed. */
  isClosed(): boolean {
    return this.released || this.chan.rxClosed;
  }

  /**
   * Releases this handle. The channel closes for receivers once every sender
   * handle is closed and the sends still in flight have completed. Idempotent.
   * An unclosed handle keeps the channel open: receivers then wait forever.
   */
  close(): void {
    if (this.released) return;
    this.released = true;
    this.chan.senders--;
    this.chan.senderGone();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** @internal Registers another handle on the same channel. */
  protected cloneChan(): Chan<T> {
    if (this.released) throw new TypeError(HANDLE_CLOSED);
    this.chan.senders++;
    return this.chan;
  }
}

/**
 * A slot reserved by `Sender#reserve`. `send` fills it synchronously and
 * cannot fail; `release` (or disposal) gives the slot back unused.
 * An unused, unreleased permit holds its slot and keeps the channel open.
 */
export class Permit<T> {
  #chan: Chan<T> | null;

  /** @internal */
  constructor(chan: Chan<T>) {
    this.#chan = chan;
  }

  /**
   * Sends `value` into the reserved slot. Returns false, and keeps nothing,
   * when the receivers have gone since the reservation or the permit was
   * already used or released.
   */
  send(value: T): boolean {
    const chan = this.#chan;
    if (chan === null) return false;
    this.#chan = null;
    chan.inFlight--;
    if (chan.rxClosed) {
      chan.senderGone();
      return false;
    }
    chan.deliver(value);
    chan.senderGone();
    return true;
  }

  /** Gives the slot back unused. Idempotent. */
  release(): void {
    const chan = this.#chan;
    if (chan === null) return;
    this.#chan = null;
    chan.inFlight--;
    chan.semaphore?.give(1);
    chan.senderGone();
  }

  /** Same as `release()`. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/** The sending half of a bounded channel. */
export class Sender<T extends {} | null> extends SenderHandle<T> {
  /**
   * Sends `value`, waiting while the channel is full. Waiting senders are
   * served in the order they called.
   *
   * Rejects with `SendError` (carrying the value) when every receiver is
   * gone or this handle is closed.
   *
   * Cancel safety: aborting `signal` while waiting for a slot removes this
   * send; the value was not sent and the promise rejects with the signal's
   * reason. Once a slot is granted the value is delivered, even if the
   * signal aborts in the same tick.
   */
  send(value: T, options?: { signal?: AbortSignal }): Promise<void> {
    const chan = this.chan;
    if (this.released) return Promise.reject(new SendError(value, HANDLE_CLOSED));
    if (chan.rxClosed) return Promise.reject(new SendError(value));
    // Fast path: a free slot and nobody queued ahead.
    if (chan.semaphore!.tryTake(1)) {
      chan.deliver(value);
      return RESOLVED;
    }
    return this.#sendWhenFree(value, options?.signal);
  }

  async #sendWhenFree(value: T, signal: AbortSignal | undefined): Promise<void> {
    const chan = this.chan;
    chan.inFlight++;
    try {
      // The value goes in at the moment its slot is granted, inside the
      // receiver's take that frees the slot, not in a later continuation:
      // no other send can overtake it, and a receiver draining many values
      // (recvMany) gets it in the same call, so a burst of senders larger
      // than the capacity comes out in one batch (measured: the client's
      // 100 callers on a channel of 32). The receiving side cannot have
      // closed at a grant: closing it closes the semaphore in the same step.
      await chan.semaphore!.take(1, signal, () => {
        chan.inFlight--;
        // Deliver before reporting the sender gone, so a receiver sees the
        // value before it sees the end of the channel.
        chan.deliver(value);
        chan.senderGone();
      });
    } catch (error) {
      chan.inFlight--;
      chan.senderGone();
      if (error === SEMAPHORE_CLOSED) throw new SendError(value);
      throw error;
    }
  }

  /**
   * Sends `value` only if a slot is free now. Never waits and never throws:
   * `'full'` and `'closed'` results give the value back.
   */
  trySend(value: T): TrySendResult<T> {
    const chan = this.chan;
    if (this.released || chan.rxClosed) return { status: 'closed', value };
    if (!chan.semaphore!.tryTake(1)) return { status: 'full', value };
    chan.deliver(value);
    return SENT;
  }

  /**
   * Waits for a free slot and reserves it, so the value can be sent later
   * synchronously (for example after a reply is parsed).
   *
   * Rejects with `SendError` (value `undefined`) when every receiver is gone.
   *
   * Cancel safety: as for `send`; an aborted reservation holds no slot.
   */
  async reserve(options?: { signal?: AbortSignal }): Promise<Permit<T>> {
    const chan = this.chan;
    if (this.released) throw new SendError(undefined, HANDLE_CLOSED);
    if (chan.rxClosed) throw new SendError(undefined);
    chan.inFlight++;
    try {
      await chan.semaphore!.take(1, options?.signal);
    } catch (error) {
      chan.inFlight--;
      chan.senderGone();
      if (error === SEMAPHORE_CLOSED) throw new SendError(undefined);
      throw error;
    }
    return new Permit(chan);
  }

  /** The free slots right now. */
  capacity(): number {
    return this.chan.semaphore!.permits;
  }

  /** The capacity the channel was created with. */
  maxCapacity(): number {
    return this.chan.maxCapacity;
  }

  /** Another handle on the same channel; close each one separately. */
  clone(): Sender<T> {
    return new Sender(this.cloneChan());
  }
}

/** The sending half of an unbounded channel: sends never wait. */
export class UnboundedSender<T extends {} | null> extends SenderHandle<T> {
  /**
   * Sends `value` synchronously; the buffer grows as needed, so the
   * receiver must keep up (prefer a bounded channel when it may not).
   *
   * @throws SendError (carrying the value) when every receiver is gone or this handle is closed.
   */
  send(value: T): void {
    if (this.released) throw new SendError(value, HANDLE_CLOSED);
    if (this.chan.rxClosed) throw new SendError(value);
    this.chan.deliver(value);
  }

  /** Like `send`, as a result instead of an exception: never `'full'`. */
  trySend(value: T): TrySendResult<T> {
    if (this.released || this.chan.rxClosed) return { status: 'closed', value };
    this.chan.deliver(value);
    return SENT;
  }

  /** Another handle on the same channel; close each one separately. */
  clone(): UnboundedSender<T> {
    return new UnboundedSender(this.cloneChan());
  }
}
