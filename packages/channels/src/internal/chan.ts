/**
 * The shared core of the mpsc and mpmc channels.
 *
 * One `Chan` holds the buffered values (a ring buffer), the receivers
 * waiting for a value (a FIFO waiter list), and, for a bounded channel, a
 * `RawSemaphore` whose permits are the free slots: a sender takes a permit
 * before its value goes in, a receiver gives one back when a value comes
 * out, exactly as Tokio's bounded channel works. A value sent while a
 * receiver is already waiting skips the buffer and goes straight to it.
 *
 * The sender and receiver handle classes live in their own modules; this
 * file is only state and the operations on it.
 *
 * @module
 */

import { RawSemaphore } from './raw-semaphore.js';
import { RingBuffer } from './ring-buffer.js';
import { Watchers } from './select-protocol.js';
import { listenForAbort, noop, RESOLVED } from './shared.js';
import { WaiterList, type WaiterNode } from './waiter-list.js';

interface RecvWaiter<T> extends WaiterNode {
  // `value` waiters are handed a value (or undefined at close); `ready`
  // waiters are only woken, and take from the buffer themselves (recvMany).
  ready: boolean;
  resolve: (value: T | undefined) => void;
  reject: (reason: unknown) => void;
  detach: () => void;
}

export class Chan<T> {
  readonly buffer = new RingBuffer<T>();
  // The free slots of a bounded channel; null for an unbounded one.
  readonly semaphore: RawSemaphore | null;
  readonly maxCapacity: number;
  // Open sender handles, plus sends waiting for a slot and reserved permits:
  // a send in flight keeps the channel open so its value is never dropped.
  senders = 1;
  inFlight = 0;
  receivers = 1;
  // No value is accepted any more; buffered values may still drain.
  rxClosed = false;
  readonly recvWaiters = new WaiterList<RecvWaiter<T>>();
  readonly watchers = new Watchers();
  // Resolved when the receiving side closes (sender.closed()).
  #closedWaiters: (() => void)[] = [];

  constructor(capacity: number | null) {
    this.semaphore = capacity === null ? null : new RawSemaphore(capacity);
    this.maxCapacity = capacity ?? Number.POSITIVE_INFINITY;
  }

  /** True once no value can ever arrive: every sender is gone, or the receiving side closed. */
  get sendingDone(): boolean {
    return this.rxClosed || (this.senders === 0 && this.inFlight === 0);
  }

  /**
   * Puts a value into the channel; the caller already holds its slot.
   * A waiting receiver gets it directly, and then the slot goes back.
   */
  deliver(value: T): void {
    const waiter = this.recvWaiters.head;
    if (waiter !== null && !waiter.ready) {
      this.recvWaiters.remove(waiter);
      waiter.detach();
      this.semaphore?.give(1);
      waiter.resolve(value);
      return;
    }
    this.buffer.push(value);
    if (waiter !== null) this.#wakeReady(waiter);
    this.watchers.wakeAll();
  }

  /** Takes one buffered value and frees its slot; `undefined` when empty. */
  take(): T | undefined {
    if (this.buffer.length === 0) return undefined;
    const value = this.buffer.shift();
    this.semaphore?.give(1);
    return value;
  }

  /**
   * Moves up to `limit` buffered values into `target` and frees their
   * slots. Freed slots go to waiting senders, whose values enter the buffer
   * inside `give`; those are taken too, up to `limit`.
   */
  takeMany(target: T[], limit: number): number {
    let taken = 0;
    while (taken < limit) {
      const count = this.buffer.drainInto(target, limit - taken);
      if (count === 0) break;
      taken += count;
      this.semaphore?.give(count);
    }
    return taken;
  }

  /**
   * Waits for a value (`ready = false`: resolves with it, or `undefined` when
   * the channel is done) or only for readiness (`ready = true`).
   */
  wait(ready: boolean, signal: AbortSignal | undefined): Promise<T | undefined> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T | undefined>((resolve, reject) => {
      const waiter: RecvWaiter<T> = {
        prev: null,
        next: null,
        linked: false,
        ready,
        resolve,
        reject,
        detach: noop,
      };
      this.recvWaiters.push(waiter);
      if (signal !== undefined) {
        waiter.detach = listenForAbort(signal, () => {
          this.recvWaiters.remove(waiter);
          reject(signal.reason);
        });
      }
    });
  }

  /** Resolves when the receiving side is closed. */
  whenRxClosed(): Promise<void> {
    if (this.rxClosed) return RESOLVED;
    return new Promise<void>((resolve) => this.#closedWaiters.push(resolve));
  }

  /** Closes the receiving side: senders fail from now on, buffered values still drain. */
  closeRx(): void {
    if (this.rxClosed) return;
    this.rxClosed = true;
    // Waiting senders reject with SendError through the closed semaphore.
    this.semaphore?.close();
    const closedWaiters = this.#closedWaiters;
    this.#closedWaiters = [];
    for (const resolve of closedWaiters) resolve();
    this.#finishIfDone();
  }

  /** Called whenever `senders` or `inFlight` drops. */
  senderGone(): void {
    this.#finishIfDone();
  }

  /** Drops every buffered value; used when no receiver can ever read them. */
  discardBuffer(): void {
    this.buffer.clear();
  }

  // Once nothing more can arrive and the buffer is empty, every waiting
  // receiver learns that the channel is done.
  #finishIfDone(): void {
    if (!this.sendingDone || this.buffer.length !== 0) return;
    for (
      let waiter = this.recvWaiters.shift();
      waiter !== null;
      waiter = this.recvWaiters.shift()
    ) {
      waiter.detach();
      waiter.resolve(undefined);
    }
    this.watchers.wakeAll();
  }

  #wakeReady(waiter: RecvWaiter<T>): void {
    this.recvWaiters.remove(waiter);
    waiter.detach();
    waiter.resolve(undefined);
  }
}
