/**
 * Notify: wake one task, or all of them, without sending a value.
 *
 * Like Tokio's `Notify`, it stores at most one permit: a `notifyOne()` with
 * nobody waiting is remembered and completes the next `notified()` at once,
 * while further calls add nothing. `notifyWaiters()` wakes everyone waiting
 * now and stores nothing. The server's expiry purge task sleeps on one.
 *
 * @module
 */

import {
  PENDING,
  type Pending,
  SELECT_HANDLE,
  type Selectable,
  type SelectHandle,
} from './internal/select-protocol.js';
import { listenForAbort, noop, RESOLVED } from './internal/shared.js';
import { WaiterList, type WaiterNode } from './internal/waiter-list.js';

interface NotifyWaiter extends WaiterNode {
  // Settles a plain waiter's promise, or wakes a select.
  wake: () => void;
  // Set on a select watcher by the notification it was given: a select takes
  // it by polling, so it must be recorded rather than consumed in passing.
  given: 'none' | 'one' | 'all';
  detach: () => void;
}

export class Notify implements Selectable<void> {
  #permit = false;
  readonly #waiters = new WaiterList<NotifyWaiter>();

  /**
   * Resolves at the next notification, or at once when a permit is stored
   * (consuming it).
   *
   * Cancel safety: aborting `signal` before the notification arrives removes
   * this waiter; a notification it was not given goes to the next waiter.
   */
  notified(options?: { signal?: AbortSignal }): Promise<void> {
    if (this.#permit) {
      this.#permit = false;
      return RESOLVED;
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: NotifyWaiter = {
        prev: null,
        next: null,
        linked: false,
        wake: resolve,
        given: 'none',
        detach: noop,
      };
      this.#waiters.push(waiter);
      if (signal !== undefined) {
        waiter.detach = listenForAbort(signal, () => {
          this.#waiters.remove(waiter);
          reject(signal.reason);
        });
      }
    });
  }

  /** Wakes the longest waiting task, or stores one permit when nobody waits. */
  notifyOne(): void {
    const waiter = this.#waiters.shift();
    if (waiter === null) {
      this.#permit = true;
      return;
    }
    waiter.detach();
    waiter.given = 'one';
    waiter.wake();
  }

  /** Wakes every task waiting now; stores no permit. */
  notifyWaiters(): void {
    for (let waiter = this.#waiters.shift(); waiter !== null; waiter = this.#waiters.shift()) {
      waiter.detach();
      waiter.given = 'all';
      waiter.wake();
    }
  }

  /** @internal The select protocol: a branch that resolves `undefined` when notified. */
  [SELECT_HANDLE](): SelectHandle<void> {
    const waiter: NotifyWaiter = {
      prev: null,
      next: null,
      linked: false,
      wake: noop,
      given: 'none',
      detach: noop,
    };
    return {
      poll: (): undefined | Pending => {
        if (waiter.given !== 'none') {
          waiter.given = 'none';
          return undefined;
        }
        if (!this.#permit) return PENDING;
        this.#permit = false;
        return undefined;
      },
      watch: (wake) => {
        waiter.wake = wake;
        if (!waiter.linked) this.#waiters.push(waiter);
      },
      unwatch: () => {
        this.#waiters.remove(waiter);
        // Handed a notifyOne and then settled on another branch: pass the
        // notification on, as Tokio does when a notified future is dropped.
        if (waiter.given === 'one') this.notifyOne();
      },
    };
  }
}
