/**
 * Connections blocked by BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP,
 * waiting for a list at one of their keys, by BZPOPMIN, BZPOPMAX and
 * BZMPOP, waiting for a sorted set, and by XREAD and XREADGROUP with
 * BLOCK, waiting for new stream entries: Redis's `blocking_keys` and
 * `ready_keys`, one per server (in the `Db`).
 *
 * A blocked pop can only wait on a key that holds nothing (a list or a
 * sorted set is never empty, and another type is WRONGTYPE), so a key
 * becomes ready when a list or a sorted set is stored there: a push or
 * ZADD that creates it, LMOVE's destination, a STORE command, RENAME,
 * COPY, MOVE or SWAPDB. The keyspace reports each
 * (`Keyspace#onPoppableStored`); after the command that did it, or after
 * the EXEC around it, as Redis does, the dispatcher calls `serve`, which
 * hands the value's elements to the waiters of each ready key in the
 * order they blocked. A waiter for the other type keeps its place, as in
 * Redis 7.0. Serving BLMOVE pushes onto another list, which may make that
 * key ready in turn; `serve` goes on until no key is.
 *
 * Streams differ: a stream is ready when XADD adds to it (or XGROUP
 * DESTROY drops a group a reader waits on), and one entry can serve
 * every reader waiting on the key, so each stream waiter is offered the
 * stream in turn and says whether it had what it waited for.
 *
 * @module
 */

import type { Keyspace } from './keyspace.js';
import { List } from './list.js';
import { SortedSet } from './sorted-set.js';
import { Stream } from './stream.js';

/** What a blocked command takes from: a list, a sorted set or a stream. */
export type Poppable = List | SortedSet | Stream;

/** The type a blocked command waits for. */
export type BlockedKind = 'list' | 'zset' | 'stream';

/** A connection blocked on some keys of one database. */
export interface BlockedPop {
  readonly keyspace: Keyspace;
  readonly keys: readonly string[];
  /** The type it pops from. */
  readonly kind: BlockedKind;
  /**
   * Takes what it waited for from `value` at `key` (of its kind, not
   * empty) and ends the block with its reply; returns true. A stream
   * reader may find nothing new for it: then it returns false and keeps
   * waiting.
   */
  serve(key: string, value: Poppable | undefined): boolean;
}

// The kind of blocked command `value` can serve, or undefined for none.
function poppableKind(value: unknown): BlockedKind | undefined {
  if (value instanceof List) return value.length > 0 ? 'list' : undefined;
  if (value instanceof SortedSet) return value.size > 0 ? 'zset' : undefined;
  if (value instanceof Stream) return 'stream';
  return undefined;
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

  /** A list, a sorted set or stream entries were stored at `key`: ready, when someone waits for it. */
  stored(keyspace: Keyspace, key: string): void {
    if (this.#waiting.get(keyspace)?.has(key)) this.#ready.push([keyspace, key]);
  }

  /**
   * After SWAPDB: every waited-for key of `keyspace` may now hold a list,
   * a sorted set or a stream, or no longer hold the stream a group reader
   * waits on.
   */
  contentsChanged(keyspace: Keyspace, now: number): void {
    const byKey = this.#waiting.get(keyspace);
    if (byKey === undefined) return;
    for (const [key, queue] of byKey)
      if (
        poppableKind(keyspace.get(key, now)?.value) !== undefined ||
        queue.some((waiter) => waiter.kind === 'stream')
      )
        this.#ready.push([keyspace, key]);
  }

  /** FLUSHDB or FLUSHALL empties `keyspace`: stream readers there are told. */
  cleared(keyspace: Keyspace): void {
    const byKey = this.#waiting.get(keyspace);
    if (byKey === undefined) return;
    for (const [key, queue] of byKey)
      if (queue.some((waiter) => waiter.kind === 'stream')) this.#ready.push([keyspace, key]);
  }

  /** Serves the waiters of every ready key, in order, until none is ready. */
  serve(now: number): void {
    while (this.#ready.length > 0) {
      const [keyspace, key] = this.#ready.shift()!;
      const queue = this.#waiting.get(keyspace)?.get(key);
      const current = keyspace.get(key, now)?.value;
      if (queue?.some((waiter) => waiter.kind === 'stream')) {
        // Every reader waiting on the stream, in the order they blocked;
        // when the key holds no stream (deleted, or another type now),
        // group readers are told and the others wait on.
        const stream = current instanceof Stream ? current : undefined;
        for (const pop of queue.filter((waiter) => waiter.kind === 'stream'))
          if (queue.includes(pop) && pop.serve(key, stream)) this.remove(pop);
        if (stream !== undefined) continue;
      }
      while (queue !== undefined && queue.length > 0) {
        // The key may hold another type by now (WRONGTYPE is for the push
        // side); only a list or a sorted set with elements serves, and only
        // the first waiter of its kind.
        const value = keyspace.get(key, now)?.value;
        const kind = poppableKind(value);
        const pop = kind === undefined ? undefined : queue.find((waiter) => waiter.kind === kind);
        if (pop === undefined) break;
        this.remove(pop);
        pop.serve(key, value as Poppable);
      }
    }
  }
}
