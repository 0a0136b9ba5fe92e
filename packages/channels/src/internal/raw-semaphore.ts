/**
 * The counting core of `Semaphore` and of the bounded channels.
 *
 * It deals in bare counts, not permit objects, so a bounded `send` with a
 * free slot costs one comparison and one subtraction. Waiters are served
 * strictly in arrival order: a large request at the head holds back smaller
 * ones behind it, as Tokio's semaphore does, so nobody starves.
 *
 * @module
 */

import { listenForAbort, noop, RESOLVED } from './shared.js';
import { WaiterList, type WaiterNode } from './waiter-list.js';

/** What `take` rejects with once the semaphore is closed; callers map it to their own error. */
export const SEMAPHORE_CLOSED: unique symbol = Symbol('@mini-redis/channels.semaphoreClosed');

interface TakeWaiter extends WaiterNode {
  count: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  detach: () => void;
}

export class RawSemaphore {
  #permits: number;
  #closed = false;
  readonly #waiters = new WaiterList<TakeWaiter>();

  constructor(permits: number) {
    this.#permits = permits;
  }

  get permits(): number {
    return this.#permits;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Takes `count` permits now if they are free and nobody is queued ahead. */
  tryTake(count: number): boolean {
    if (this.#closed || this.#waiters.size !== 0 || this.#permits < count) return false;
    this.#permits -= count;
    return true;
  }

  /**
   * Resolves once `count` permits are taken. Rejects with SEMAPHORE_CLOSED when
   * closed first, or with the signal's reason when aborted first; either way
   * no permit is held.
   *
   * `granted`, when given, runs synchronously at the moment the permits are
   * granted (inside the `give` that frees them), before the promise
   * resolves: a bounded channel delivers a waiting sender's value there.
   */
  take(count: number, signal?: AbortSignal, granted?: () => void): Promise<void> {
    if (this.tryTake(count)) {
      granted?.();
      return RESOLVED;
    }
    if (this.#closed) return Promise.reject(SEMAPHORE_CLOSED);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: TakeWaiter = {
        prev: null,
        next: null,
        linked: false,
        count,
        resolve:
          granted === undefined
            ? resolve
            : () => {
                granted();
                resolve();
              },
        reject,
        detach: noop,
      };
      this.#waiters.push(waiter);
      if (signal !== undefined) {
        waiter.detach = listenForAbort(signal, () => {
          this.#waiters.remove(waiter);
          reject(signal.reason);
          // This waiter may have been the head holding back smaller requests.
          this.#grant();
        });
      }
    });
  }

  /** Returns `count` permits and hands them to waiters in order. */
  give(count: number): void {
    if (this.#closed) return;
    this.#permits += count;
    if (this.#waiters.size !== 0) this.#grant();
  }

  /** Removes `count` free permits (fewer if fewer are free); returns how many. */
  forget(count: number): number {
    const taken = Math.min(count, this.#permits);
    this.#permits -= taken;
    return taken;
  }

  /** Rejects every waiter with SEMAPHORE_CLOSED; later takes fail at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (let waiter = this.#waiters.shift(); waiter !== null; waiter = this.#waiters.shift()) {
      waiter.detach();
      waiter.reject(SEMAPHORE_CLOSED);
    }
  }

  #grant(): void {
    for (
      let head = this.#waiters.head;
      head !== null && head.count <= this.#permits;
      head = this.#waiters.head
    ) {
      this.#permits -= head.count;
      this.#waiters.remove(head);
      head.detach();
      head.resolve();
    }
  }
}
