/**
 * WATCH's state for one session: the keys it watches, in which keyspace,
 * and whether any of them changed since (Redis's `CLIENT_DIRTY_CAS`).
 *
 * The keyspaces hold the other half of the link (`Keyspace#watch`): a
 * change to a watched key sets `touched` on every watcher, so EXEC only
 * reads a flag. EXEC, DISCARD, UNWATCH, RESET and a closed connection
 * unwatch everything (`clear`), which removes the links again.
 *
 * @module
 */

import type { Keyspace, KeyWatcher } from './keyspace.js';

export class WatchedKeys implements KeyWatcher {
  /** Set by a keyspace when a watched key changes; cleared by `clear`. */
  touched = false;
  readonly #keys = new Map<Keyspace, Set<string>>();
  #size = 0;

  /** How many keys are watched (a key in two databases counts twice). */
  get size(): number {
    return this.#size;
  }

  /**
   * Watches `key` of `keyspace`; watching it again changes nothing. A key
   * whose deadline has passed is deleted first, so its removal does not
   * count as a change: Redis 7.0 ignores the expiry of a key that had
   * already expired when it was watched, too.
   */
  add(keyspace: Keyspace, key: string, now: number): void {
    let keys = this.#keys.get(keyspace);
    if (keys === undefined) {
      keys = new Set();
      this.#keys.set(keyspace, keys);
    }
    if (keys.has(key)) return;
    keyspace.get(key, now);
    keyspace.watch(key, this);
    keys.add(key);
    this.#size++;
  }

  /**
   * Whether EXEC must abort: a watched key changed, or its deadline passed
   * since WATCH (Redis's `isWatchedKeyExpired`), deleted yet or not.
   */
  changed(now: number): boolean {
    if (this.touched) return true;
    for (const [keyspace, keys] of this.#keys) {
      for (const key of keys) if (keyspace.hasExpired(key, now)) return true;
    }
    return false;
  }

  /** Unwatches every key and forgets any change (UNWATCH). */
  clear(): void {
    for (const [keyspace, keys] of this.#keys) {
      for (const key of keys) keyspace.unwatch(key, this);
    }
    this.#keys.clear();
    this.#size = 0;
    this.touched = false;
  }
}
