/**
 * Connections blocked by BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP,
 * waiting for a list at one of their keys: Redis's `blocking_keys` and
 * `ready_keys`, one per server (in the `Db`).
 *
 * A blocked pop can only wait on a key that holds no list (a list is never
 * empty), so a key becomes ready when a list is stored there: a push that
 * creates it, LMOVE's destination, RENAME, COPY, MOVE or SWAPDB. The
 * keyspace reports each (`Keyspace#onListStored`); after the command that
 * did it, or after the EXEC around it, as Redis does, the dispatcher calls
 * `serve`, which hands the list's elements to the waiters of each ready
 * key in the order they blocked. Serving BLMOVE pushes onto another list,
 * which may make that key ready in turn; `serve` goes on until no key is.
 *
 * @module
 */

import type { Keyspace } from './keyspace.js';
import { List } from './list.js';

/** A connection blocked on some keys of one database. */
export interface BlockedPop {
  readonly keyspace: Keyspace;
  readonly keys: readonly string[];
  /**
   * Takes what it waited for from `list` at `key` (not empty) and ends the
   * block with its reply.
   */
  serve(key: string, list: List): void;
}

export class BlockedPops {
  // Per keyspace, per key, the waiters in the order they blocked.
  readonly #waiting = new Map<Keyspace, Map<string, BlockedPop[]>>();
  readonly #ready: [Keyspace, string][] = [];

  /** Whether a key became ready since the last `serve`. */
  get pending(): boolean {
    return this.#ready.length > 0;
  }

  /** Queues `pop` on each of its keys. */
  add(pop: BlockedPop): void {
    let byKey = this.#waiting.get(pop.keyspace);
    if (byKey === undefined) {
      byKey = new Map();
      this.#waiting.set(pop.keyspace, byKey);
    }
    for (const key of pop.keys) {
      const queue = byKey.get(key);
      if (queue === undefined) byKey.set(key, [pop]);
      else if (!queue.includes(pop)) queue.push(pop);
    }
  }

  /** Takes `pop` off every queue (its block ended). Idempotent. */
  remove(pop: BlockedPop): void {
    const byKey = this.#waiting.get(pop.keyspace);
    if (byKey === undefined) return;
    for (const key of pop.keys) {
      const queue = byKey.get(key);
      if (queue === undefined) continue;
      const index = queue.indexOf(pop);
      if (index !== -1) queue.splice(index, 1);
      if (queue.length === 0) byKey.delete(key);
    }
    if (byKey.size === 0) this.#waiting.delete(pop.keyspace);
  }

  /** A list was stored at `key`: ready, when someone waits for it. */
  listStored(keyspace: Keyspace, key: string): void {
    if (this.#waiting.get(keyspace)?.has(key)) this.#ready.push([keyspace, key]);
  }

  /** After SWAPDB: every waited-for key of `keyspace` may now hold a list. */
  contentsChanged(keyspace: Keyspace, now: number): void {
    const byKey = this.#waiting.get(keyspace);
    if (byKey === undefined) return;
    for (const key of byKey.keys())
      if (keyspace.get(key, now)?.value instanceof List) this.#ready.push([keyspace, key]);
  }

  /** Serves the waiters of every ready key, in order, until none is ready. */
  serve(now: number): void {
    while (this.#ready.length > 0) {
      const [keyspace, key] = this.#ready.shift()!;
      const queue = this.#waiting.get(keyspace)?.get(key);
      while (queue !== undefined && queue.length > 0) {
        // The key may hold another type by now (WRONGTYPE is for the push
        // side); only a list with elements serves.
        const list = keyspace.get(key, now)?.value;
        if (!(list instanceof List) || list.length === 0) break;
        const pop = queue[0]!;
        this.remove(pop);
        pop.serve(key, list);
      }
    }
  }
}
