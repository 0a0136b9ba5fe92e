/**
 * A fair counting semaphore.
 *
 * Permits are handed out strictly in the order `acquire` was called, so a
 * waiter asking for many permits is not starved by a stream of small
 * requests. The bounded channels are built on the same core, and the server
 * bounds its open sockets with one.
 *
 * @module
 */

import { AcquireError } from './errors.js';
import { RawSemaphore, SEMAPHORE_CLOSED } from './internal/raw-semaphore.js';
import { checkInteger } from './internal/shared.js';

/**
 * Permits held from a `Semaphore`. Release them with `release()` or by
 * scope with `using permit = await semaphore.acquire()`. A permit that is
 * never released keeps its count out of the semaphore forever.
 */
export class SemaphorePermit {
  readonly #semaphore: RawSemaphore;
  #count: number;

  /** @internal Permits come from `Semaphore#acquire`/`tryAcquire`. */
  constructor(semaphore: RawSemaphore, count: number) {
    this.#semaphore = semaphore;
    this.#count = count;
  }

  /** How many permits this still holds (0 once released or forgotten). */
  get count(): number {
    return this.#count;
  }

  /** Gives the permits back to the semaphore. Idempotent. */
  release(): void {
    const count = this.#count;
    this.#count = 0;
    if (count !== 0) this.#semaphore.give(count);
  }

  /** Drops the permits without returning them: the semaphore shrinks. Idempotent. */
  forget(): void {
    this.#count = 0;
  }

  /** Same as `release()`. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/** A fair, FIFO counting semaphore. */
export class Semaphore {
  readonly #core: RawSemaphore;

  /**
   * @param permits the permits available at first, an integer >= 0.
   * @throws RangeError when `permits` is not such an integer.
   */
  constructor(permits: number) {
    checkInteger('permits', permits, 0);
    this.#core = new RawSemaphore(permits);
  }

  /**
   * Waits for `count` permits (default 1), after every earlier waiter.
   *
   * Rejects with `AcquireError` once the semaphore is closed.
   *
   * Cancel safety: aborting `signal` before the permits are granted removes
   * this waiter, holds nothing, and lets the waiters behind it move up; the
   * promise rejects with the signal's reason.
   *
   * @throws RangeError (synchronously) when `count` is not an integer >= 1.
   */
  async acquire(count = 1, options?: { signal?: AbortSignal }): Promise<SemaphorePermit> {
    checkInteger('count', count, 1);
    try {
      await this.#core.take(count, options?.signal);
    } catch (error) {
      if (error === SEMAPHORE_CLOSED) throw new AcquireError();
      throw error;
    }
    return new SemaphorePermit(this.#core, count);
  }

  /**
   * Takes `count` permits if they are free now and nobody is waiting ahead;
   * returns `undefined` otherwise.
   *
   * @throws AcquireError when the semaphore is closed.
   */
  tryAcquire(count = 1): SemaphorePermit | undefined {
    checkInteger('count', count, 1);
    if (this.#core.closed) throw new AcquireError();
    return this.#core.tryTake(count) ? new SemaphorePermit(this.#core, count) : undefined;
  }

  /** Adds `count` permits, waking waiters in order. Ignored once closed. */
  addPermits(count: number): void {
    checkInteger('count', count, 0);
    this.#core.give(count);
  }

  /** Removes up to `count` free permits; returns how many were removed. */
  forgetPermits(count: number): number {
    checkInteger('count', count, 0);
    return this.#core.forget(count);
  }

  /** The permits free right now. */
  availablePermits(): number {
    return this.#core.permits;
  }

  /** Closes the semaphore: every waiter rejects with `AcquireError`, and so does every later acquire. */
  close(): void {
    this.#core.close();
  }

  isClosed(): boolean {
    return this.#core.closed;
  }
}
