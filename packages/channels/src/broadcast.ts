/**
 * Broadcast channels: every receiver sees every value.
 *
 * Values live in a ring of `capacity` slots shared by all receivers; each
 * receiver keeps its own position. `send` is synchronous and never waits:
 * when a receiver falls more than `capacity` values behind, the oldest
 * values are overwritten, and that receiver's next `recv` rejects with a
 * `LaggedError` saying how many it missed, then continues from the oldest
 * value still retained (Tokio's semantics). A slow receiver therefore costs
 * bounded memory and never slows the sender or the other receivers.
 *
 * A slot's value is released as soon as every receiver that was subscribed
 * when it was sent has read it.
 *
 * @module
 */

import { LaggedError } from './errors.js';
import { BroadcastState, type RecvWaiter } from './internal/broadcast-state.js';
import {
  PENDING,
  type Pending,
  SELECT_HANDLE,
  type Selectable,
  type SelectHandle,
} from './internal/select-protocol.js';
import {
  checkInteger,
  listenForAbort,
  noop,
  RESOLVED,
  RESOLVED_UNDEFINED,
} from './internal/shared.js';

/** The outcome of `tryRecv`. */
export type BroadcastTryRecvResult<T> =
  | { readonly status: 'received'; readonly value: T }
  | { readonly status: 'empty' }
  | { readonly status: 'lagged'; readonly skipped: number }
  | { readonly status: 'closed' };

const EMPTY: BroadcastTryRecvResult<never> = Object.freeze({ status: 'empty' });
const CLOSED: BroadcastTryRecvResult<never> = Object.freeze({ status: 'closed' });
// What #poll returns for a closed, drained channel (undefined is not a message).
const DONE = undefined;

/** The sending half; clone it for more senders. */
export class BroadcastSender<T extends {} | null> {
  readonly #state: BroadcastState<T>;
  #released = false;

  /** @internal Created by `channel()` and `clone()`. */
  constructor(state: BroadcastState<T>) {
    this.#state = state;
  }

  /**
   * Sends `value` to every receiver subscribed now; returns how many that
   * is. With no receivers it returns 0 and keeps nothing. Never waits: a
   * receiver that is `capacity` values behind loses its oldest value.
   *
   * @throws TypeError when this handle was closed.
   */
  send(value: T): number {
    if (this.#released)
      throw new TypeError(
        'Expected an open broadcast sender, got one whose close() was already called',
      );
    const state = this.#state;
    if (state.receivers === 0) return 0;
    const slot = state.slots[state.tail % state.capacity]!;
    slot.seq = state.tail;
    slot.value = value;
    slot.unread = state.receivers;
    state.tail++;
    state.wakeReceivers();
    return state.receivers;
  }

  /** A new receiver that sees every value sent from now on. */
  subscribe(): BroadcastReceiver<T> {
    return new BroadcastReceiver(this.#state);
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
  clone(): BroadcastSender<T> {
    if (this.#released)
      throw new TypeError(
        'Expected an open broadcast sender, got one whose close() was already called',
      );
    this.#state.senders++;
    return new BroadcastSender(this.#state);
  }

  /**
   * Releases this handle. When it was the last sender, receivers drain what
   * they have not read and then see `undefined`. Idempotent.
   */
  close(): void {
    if (this.#released) return;
    this.#released = true;
    if (--this.#state.senders === 0) this.#state.wakeReceivers();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** A receiving handle with its own position in the stream. */
export class BroadcastReceiver<T extends {} | null>
  implements AsyncIterable<T>, Selectable<T | undefined>
{
  readonly #state: BroadcastState<T>;
  // The sequence number of the next value this receiver reads.
  #next: number;
  #released = false;

  /** @internal Created by `subscribe()`, `resubscribe()` and `channel()`. */
  constructor(state: BroadcastState<T>) {
    this.#state = state;
    this.#next = state.tail;
    state.receivers++;
  }

  // Takes the next value: a value, PENDING, DONE, or throws LaggedError.
  #poll(): T | undefined | Pending {
    const state = this.#state;
    if (this.#released) return DONE;
    if (this.#next === state.tail) return state.closed ? DONE : PENDING;
    const oldest = state.tail - state.capacity;
    if (this.#next < oldest) {
      const skipped = oldest - this.#next;
      this.#next = oldest;
      throw new LaggedError(skipped);
    }
    const slot = state.slots[this.#next % state.capacity]!;
    const value = slot.value as T;
    this.#next++;
    if (--slot.unread === 0) slot.value = undefined;
    return value;
  }

  /**
   * Receives the next value. Resolves `undefined` once every sender is
   * closed and this receiver has read everything. Rejects with
   * `LaggedError` when values were overwritten before this receiver read
   * them; the next call continues from the oldest value still retained.
   *
   * Cancel safety: aborting `signal` before a value is taken takes nothing.
   */
  recv(options?: { signal?: AbortSignal }): Promise<T | undefined> {
    let result: T | undefined | Pending;
    try {
      result = this.#poll();
    } catch (error) {
      return Promise.reject(error);
    }
    if (result !== PENDING)
      return result === undefined ? RESOLVED_UNDEFINED : Promise.resolve(result);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T | undefined>((resolve, reject) => {
      const waiter: RecvWaiter = {
        prev: null,
        next: null,
        linked: false,
        detach: noop,
        attempt: () => {
          try {
            const value = this.#poll();
            if (value === PENDING) return false;
            resolve(value);
          } catch (error) {
            reject(error);
          }
          return true;
        },
      };
      this.#state.waiters.push(waiter);
      if (signal !== undefined) {
        waiter.detach = listenForAbort(signal, () => {
          this.#state.waiters.remove(waiter);
          reject(signal.reason);
        });
      }
    });
  }

  /**
   * Resolves when `recv()` would not wait: a value is there, a lag is to be
   * reported, or the channel is done (or this receiver closed). Takes
   * nothing. A consumer can wait here and then take everything there is
   * with `tryRecv()`, to handle a burst as one batch; and since a value
   * stays in the channel until it is taken, other code can take it first
   * (synchronously, with `tryRecv()`) without a race. When it does, this
   * still resolves, and `tryRecv()` then reports `empty`: wait again.
   *
   * Cancel safety: it takes nothing, so aborting `signal` loses nothing.
   */
  ready(options?: { signal?: AbortSignal }): Promise<void> {
    if (this.#readable()) return RESOLVED;
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const watchers = this.#state.watchers;
    return new Promise<void>((resolve, reject) => {
      let detach = noop;
      const wake = () => {
        if (!this.#readable()) return;
        watchers.delete(wake);
        detach();
        resolve();
      };
      watchers.add(wake);
      if (signal !== undefined) {
        detach = listenForAbort(signal, () => {
          watchers.delete(wake);
          reject(signal.reason);
        });
      }
    });
  }

  // Whether #poll would return at once (a value, DONE, or a LaggedError).
  #readable(): boolean {
    const state = this.#state;
    return this.#released || this.#next !== state.tail || state.closed;
  }

  /** Takes the next value if there is one now; never waits or throws. */
  tryRecv(): BroadcastTryRecvResult<T> {
    try {
      const value = this.#poll();
      if (value === PENDING) return EMPTY;
      if (value === undefined) return CLOSED;
      return { status: 'received', value };
    } catch (error) {
      return { status: 'lagged', skipped: (error as LaggedError).skipped };
    }
  }

  /** A new receiver on the same channel that starts at the newest position. */
  resubscribe(): BroadcastReceiver<T> {
    return new BroadcastReceiver(this.#state);
  }

  /**
   * Releases this receiver and the values it had not read yet (they no
   * longer wait for it). Idempotent.
   */
  close(): void {
    if (this.#released) return;
    const state = this.#state;
    for (let seq = Math.max(this.#next, state.tail - state.capacity); seq < state.tail; seq++) {
      const slot = state.slots[seq % state.capacity]!;
      if (--slot.unread === 0) slot.value = undefined;
    }
    this.#released = true;
    state.receiverGone();
    // A recv of this receiver still waiting now resolves undefined.
    state.wakeReceivers();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Iterates values until the channel is done; a lag rejects the iteration with `LaggedError`. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const next = (): Promise<IteratorResult<T>> =>
      this.recv().then((value) =>
        value === undefined ? { done: true, value: undefined } : { done: false, value },
      );
    return { next };
  }

  /** @internal The select protocol: a branch that resolves like `recv()`. */
  [SELECT_HANDLE](): SelectHandle<T | undefined> {
    const watchers = this.#state.watchers;
    let watching: (() => void) | null = null;
    return {
      poll: () => this.#poll(),
      watch: (wake) => {
        watching = wake;
        watchers.add(wake);
      },
      unwatch: () => {
        if (watching !== null) watchers.delete(watching);
      },
    };
  }
}

/**
 * Creates a broadcast channel retaining the last `capacity` values, and its
 * first receiver.
 *
 * @throws RangeError when `capacity` is not an integer >= 1.
 */
export function channel<T extends {} | null>(
  capacity: number,
): [BroadcastSender<T>, BroadcastReceiver<T>] {
  checkInteger('capacity', capacity, 1);
  const state = new BroadcastState<T>(capacity);
  return [new BroadcastSender(state), new BroadcastReceiver(state)];
}
