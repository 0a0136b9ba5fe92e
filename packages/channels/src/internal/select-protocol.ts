/**
 * The protocol `select` uses to wait on a source without consuming from it.
 *
 * A source hands out a fresh `SelectHandle` per `select` call. `select`
 * polls each handle synchronously (the only step that may consume a value),
 * and when none is ready it asks each to `watch`: to call `wake` whenever it
 * may have become ready. Because taking a value happens only inside a
 * successful `poll`, and `select` stops at the first success, the branches
 * that lose consume nothing. That is the whole of its cancel safety.
 *
 * @module
 */

/** Returned by `poll` when the source has nothing yet. */
export const PENDING: unique symbol = Symbol('@mini-redis/channels.pending');
export type Pending = typeof PENDING;

/** The key under which a source exposes its select handle factory. */
export const SELECT_HANDLE: unique symbol = Symbol.for('@mini-redis/channels.selectHandle');

export interface SelectHandle<V> {
  /**
   * Takes the value if one is ready, else returns PENDING. May throw the
   * error the source's own wait method would reject with.
   */
  poll(): V | Pending;
  /** Arranges for `wake` to be called when the source may be ready. Idempotent. */
  watch(wake: () => void): void;
  /** Undoes `watch`; called once when the select settles. */
  unwatch(): void;
}

/** Anything `select` can wait on. */
export interface Selectable<V> {
  [SELECT_HANDLE](): SelectHandle<V>;
}

/** A watcher set that many selects may join, woken all at once. */
export class Watchers {
  #set: Set<() => void> | null = null;

  add(wake: () => void): void {
    if (this.#set === null) this.#set = new Set();
    this.#set.add(wake);
  }

  delete(wake: () => void): void {
    this.#set?.delete(wake);
  }

  wakeAll(): void {
    if (this.#set === null || this.#set.size === 0) return;
    for (const wake of this.#set) wake();
  }
}
