/**
 * Watch channels: only the latest value, with change notification.
 *
 * The sender replaces the value; each receiver remembers the version it
 * has seen, so `changed()` resolves once per new version however many
 * sends happened in between. The server uses one to tell every connection
 * handler that shutdown has begun.
 *
 * Versions start at 0 with the initial value, which new receivers count as
 * seen. `changed()` rejects with `RecvError` only when every sender is
 * closed and the receiver has already seen the last value.
 *
 * @module
 */

import { RecvError } from './errors.js';
import {
  PENDING,
  type Pending,
  SELECT_HANDLE,
  type Selectable,
  type SelectHandle,
} from './internal/select-protocol.js';
import { listenForAbort, noop, RESOLVED } from './internal/shared.js';
import { type ChangeWaiter, WatchState } from './internal/watch-state.js';

/** The sending half. */
export class WatchSender<T> {
  readonly #state: WatchState<T>;
  #released = false;

  /** @internal Created by `channel()` and `clone()`. */
  constructor(state: WatchState<T>) {
    this.#state = state;
  }

  /**
   * Replaces the value and notifies receivers. Returns false, changing
   * nothing, when no receiver is open (use `sendReplace` to store anyway).
   */
  send(value: T): boolean {
    this.#checkOpen();
    if (this.#state.receivers === 0) return false;
    this.#state.value = value;
    this.#state.publish();
    return true;
  }

  /** Replaces the value whether or not anyone listens; returns the old one. */
  sendReplace(value: T): T {
    this.#checkOpen();
    const old = this.#state.value;
    this.#state.value = value;
    this.#state.publish();
    return old;
  }

  /** Changes the value in place with `modify` and notifies receivers. */
  sendModify(modify: (value: T) => void): void {
    this.#checkOpen();
    modify(this.#state.value);
    this.#state.publish();
  }

  /**
   * Lets `modify` change the value in place; notifies receivers only when
   * it returns true. Returns what `modify` returned.
   */
  sendIfModified(modify: (value: T) => boolean): boolean {
    this.#checkOpen();
    const modified = modify(this.#state.value);
    if (modified) this.#state.publish();
    return modified;
  }

  /** The current value. */
  borrow(): T {
    return this.#state.value;
  }

  /** A new receiver that counts the current value as seen. */
  subscribe(): WatchReceiver<T> {
    return new WatchReceiver(this.#state);
  }

  /** How many receivers are open. */
  receiverCount(): number {
    return this.#state.receivers;
  }

  /** Resolves when no receiver is open (at once if none is now). */
  closed(): Promise<void> {
    const state = this.#state;
    if (state.receivers === 0) return RESOLVED;
    return new Promise<void>((resolve) => state.closedWaiters.push(resolve));
  }

  /** Another sending handle on the same channel. */
  clone(): WatchSender<T> {
    this.#checkOpen();
    this.#state.senders++;
    return new WatchSender(this.#state);
  }

  /**
   * Releases this handle. After the last sender closes, receivers that have
   * seen the final value get `RecvError` from `changed()`. Idempotent.
   */
  close(): void {
    if (this.#released) return;
    this.#released = true;
    if (--this.#state.senders === 0) this.#state.wakeAll();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #checkOpen(): void {
    if (this.#released)
      throw new TypeError(
        'Expected an open watch sender, got one whose close() was already called',
      );
  }
}

/** A receiving handle with its own seen version. */
export class WatchReceiver<T> implements Selectable<T> {
  readonly #state: WatchState<T>;
  #seen: number;
  #released = false;

  /** @internal Created by `subscribe()`, `clone()` and `channel()`. */
  constructor(state: WatchState<T>, seen = state.version) {
    this.#state = state;
    this.#seen = seen;
    state.receivers++;
  }

  /** The current value, without marking it seen. */
  borrow(): T {
    return this.#state.value;
  }

  /** The current value, marking it seen. */
  borrowAndUpdate(): T {
    this.#seen = this.#state.version;
    return this.#state.value;
  }

  /** True when a value newer than the last one seen was sent. */
  hasChanged(): boolean {
    return this.#seen !== this.#state.version;
  }

  /** Counts the current value as seen. */
  markUnchanged(): void {
    this.#seen = this.#state.version;
  }

  /** Counts the current value as not seen, so `changed()` resolves at once. */
  markChanged(): void {
    this.#seen = this.#state.version - 1;
  }

  /**
   * Waits until a value newer than the last one seen is sent, and marks it
   * seen. Resolves at once when one already was. Rejects with `RecvError`
   * when every sender is closed and the last value was already seen.
   *
   * Cancel safety: aborting `signal` first marks nothing as seen.
   */
  changed(options?: { signal?: AbortSignal }): Promise<void> {
    const state = this.#state;
    if (this.#seen !== state.version) {
      this.#seen = state.version;
      return RESOLVED;
    }
    if (state.senders === 0 || this.#released) return Promise.reject(new RecvError());
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: ChangeWaiter = {
        prev: null,
        next: null,
        linked: false,
        detach: noop,
        // Woken by a send or by the last sender closing: decide then.
        wake: () => this.changed().then(resolve, reject),
      };
      state.waiters.push(waiter);
      if (signal !== undefined) {
        waiter.detach = listenForAbort(signal, () => {
          state.waiters.remove(waiter);
          reject(signal.reason);
        });
      }
    });
  }

  /** Another receiver with the same seen version. */
  clone(): WatchReceiver<T> {
    return new WatchReceiver(this.#state, this.#seen);
  }

  /** Releases this receiver. Idempotent. */
  close(): void {
    if (this.#released) return;
    this.#released = true;
    const state = this.#state;
    if (--state.receivers !== 0) return;
    const closedWaiters = state.closedWaiters;
    state.closedWaiters = [];
    for (const resolve of closedWaiters) resolve();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * @internal The select protocol: a branch that resolves with the new value
   * when it changes (marking it seen), or rejects like `changed()`.
   */
  [SELECT_HANDLE](): SelectHandle<T> {
    const state = this.#state;
    let watching: (() => void) | null = null;
    return {
      poll: (): T | Pending => {
        if (this.#seen !== state.version) return this.borrowAndUpdate();
        if (state.senders === 0) throw new RecvError();
        return PENDING;
      },
      watch: (wake) => {
        watching = wake;
        state.watchers.add(wake);
      },
      unwatch: () => {
        if (watching !== null) state.watchers.delete(watching);
      },
    };
  }
}

/** Creates a watch channel holding `initial`, and its first receiver. */
export function channel<T>(initial: T): [WatchSender<T>, WatchReceiver<T>] {
  const state = new WatchState(initial);
  return [new WatchSender(state), new WatchReceiver(state)];
}
