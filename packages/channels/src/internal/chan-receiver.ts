/**
 * What the mpsc and mpmc receivers share: every way of taking values out of
 * a `Chan`. The two public receivers differ only in `close()` and `clone()`.
 *
 * @module
 */

import type { Chan } from './chan.js';
import {
  PENDING,
  type Pending,
  SELECT_HANDLE,
  type Selectable,
  type SelectHandle,
} from './select-protocol.js';
import { checkInteger, RESOLVED, RESOLVED_UNDEFINED } from './shared.js';

/** The outcome of `tryRecv`: a value, nothing yet, or nothing ever again. */
export type TryRecvResult<T> =
  | { readonly status: 'received'; readonly value: T }
  | { readonly status: 'empty' }
  | { readonly status: 'disconnected' };

const EMPTY: TryRecvResult<never> = Object.freeze({ status: 'empty' });
const DISCONNECTED: TryRecvResult<never> = Object.freeze({ status: 'disconnected' });

export abstract class ReceiverBase<T extends {} | null>
  implements AsyncIterable<T>, Selectable<T | undefined>
{
  /** @internal */
  protected readonly chan: Chan<T>;

  /** @internal */
  constructor(chan: Chan<T>) {
    this.chan = chan;
  }

  /**
   * Receives the next value, waiting while the channel is empty.
   *
   * Resolves `undefined` once no value can arrive any more (every sender is
   * closed, or this side was closed) and the buffer is drained.
   *
   * Cancel safety: aborting `signal` before a value is handed over removes
   * this waiter and takes nothing from the channel; the promise rejects with
   * the signal's reason.
   */
  recv(options?: { signal?: AbortSignal }): Promise<T | undefined> {
    const chan = this.chan;
    if (chan.buffer.length !== 0) return Promise.resolve(chan.take());
    if (chan.sendingDone) return RESOLVED_UNDEFINED;
    return chan.wait(false, options?.signal);
  }

  /** How many values are buffered now. */
  len(): number {
    return this.chan.buffer.length;
  }

  /**
   * True when no value can arrive any more: every sender is closed (and
   * no send is in flight) or this side was closed. Buffered values may
   * still be there to receive.
   */
  isClosed(): boolean {
    return this.chan.sendingDone;
  }

  /** Takes a value only if one is buffered now; never waits. */
  tryRecv(): TryRecvResult<T> {
    const chan = this.chan;
    if (chan.buffer.length !== 0) return { status: 'received', value: chan.take() as T };
    return chan.sendingDone ? DISCONNECTED : EMPTY;
  }

  /**
   * Receives everything buffered now, up to `limit` values, waiting only
   * while nothing is there. This is what a pipelining writer drains: one
   * wake-up per batch instead of one per value. Values are appended to
   * `into` when given (and it is returned), else to a new array.
   *
   * Resolves an empty array only when the channel is done and drained.
   *
   * Cancel safety: aborting `signal` while waiting takes nothing.
   *
   * @throws RangeError (synchronously) when `limit` is not an integer >= 1.
   */
  recvMany(limit: number, options?: { signal?: AbortSignal; into?: T[] }): Promise<T[]> {
    checkInteger('limit', limit, 1);
    const target = options?.into ?? [];
    return this.#recvMany(limit, target, options?.signal);
  }

  #recvMany(limit: number, target: T[], signal: AbortSignal | undefined): Promise<T[]> {
    const chan = this.chan;
    if (chan.buffer.length !== 0) {
      chan.takeMany(target, limit);
      return Promise.resolve(target);
    }
    if (chan.sendingDone) return Promise.resolve(target);
    return this.#waitAndGather(limit, target, signal);
  }

  // Measured hot path (apps/bench, channels and client suites). Woken
  // without a value, so the batch is taken later, once the producers stop
  // adding to it: taking it as soon as the first value wakes us yields
  // batches of exactly one, because the wake-up runs before the producer's
  // next send. So while the buffer is still growing from one microtask to
  // the next, and is not yet a full batch, yield one more microtask. An
  // idle producer costs one extra microtask of latency; a busy one fills
  // the batch. One async function, so each step is a single microtask
  // (a chain of then() callbacks returning promises costs three per step).
  // A wake-up is never aborted afterwards, so no other receiver misses the
  // value it announced.
  async #waitAndGather(limit: number, target: T[], signal: AbortSignal | undefined): Promise<T[]> {
    const chan = this.chan;
    for (;;) {
      await chan.wait(true, signal);
      let seen = 0;
      while (chan.buffer.length > seen && chan.buffer.length < limit && !chan.sendingDone) {
        seen = chan.buffer.length;
        await RESOLVED;
      }
      if (chan.buffer.length !== 0) {
        chan.takeMany(target, limit);
        return target;
      }
      // Another receiver (mpmc) took the values first.
      if (chan.sendingDone) return target;
    }
  }

  /**
   * Iterates values until the channel is done. Breaking out of the loop
   * leaves the receiver open; close it if nothing will read it again.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const next = (): Promise<IteratorResult<T>> =>
      this.recv().then((value) =>
        value === undefined ? { done: true, value: undefined } : { done: false, value },
      );
    return { next };
  }

  /** @internal The select protocol: a branch that resolves like `recv()`. */
  [SELECT_HANDLE](): SelectHandle<T | undefined> {
    const chan = this.chan;
    let watching: (() => void) | null = null;
    return {
      poll: (): T | undefined | Pending => {
        if (chan.buffer.length !== 0) return chan.take();
        return chan.sendingDone ? undefined : PENDING;
      },
      watch: (wake) => {
        watching = wake;
        chan.watchers.add(wake);
      },
      unwatch: () => {
        if (watching !== null) chan.watchers.delete(watching);
      },
    };
  }
}
