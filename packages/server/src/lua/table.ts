/**
 * A Lua table: an array part for the keys 1..n and a hash part (a Map,
 * which keeps insertion order) for the rest, an optional metatable, and
 * Redis's read-only flag (Redis 7 makes the globals and the libraries
 * read-only). Keys are Lua values as value.ts holds them; numbers equal as
 * doubles are one key (Map's SameValueZero also makes -0 and 0 one).
 *
 * Iteration (`next`) goes through the array part, then the hash part in
 * insertion order. Real Lua walks its hash part in hash order, so a
 * script that returns keys in `pairs` order may list them in another
 * order than Redis: the server README names it.
 *
 * @module
 */

import { LuaError } from './value.js';

export class LuaTable {
  /** Values of the keys 1..arr.length (holes are undefined); the last is never undefined. */
  arr: unknown[] = [];
  hash: Map<unknown, unknown> = new Map();
  metatable: LuaTable | undefined = undefined;
  /** Set by Redis's sandbox: any write fails with "Attempt to modify a readonly table". */
  readonly = false;
  // The hash part's keys as `next` last listed them, and each key's place,
  // rebuilt when a key is added (Lua forbids adding keys while iterating).
  #order: unknown[] | undefined = undefined;
  #orderIndex: Map<unknown, number> | undefined = undefined;

  /** The value at `key`, without metamethods (nil is undefined). */
  get(key: unknown): unknown {
    if (typeof key === 'number') {
      const arr = this.arr;
      if (key >= 1 && key <= arr.length && Number.isInteger(key)) return arr[key - 1];
    }
    return this.hash.size === 0 ? undefined : this.hash.get(key);
  }

  /** The value at string `key` (the common case of a field). */
  getString(key: string): unknown {
    return this.hash.size === 0 ? undefined : this.hash.get(key);
  }

  /**
   * Sets `key` to `value` without metamethods (undefined removes it).
   * @throws LuaError for a nil or NaN key, or a read-only table.
   */
  set(key: unknown, value: unknown): void {
    if (this.readonly) throw new LuaError('Attempt to modify a readonly table', 1);
    if (typeof key === 'number') {
      const arr = this.arr;
      if (Number.isInteger(key) && key >= 1 && key <= arr.length + 1) {
        if (key <= arr.length) {
          arr[key - 1] = value;
          if (value === undefined && key === arr.length) {
            // Keep the last element non-nil, so the length is a border.
            let end = arr.length - 1;
            while (end > 0 && arr[end - 1] === undefined) end--;
            arr.length = end;
          }
          return;
        }
        if (value === undefined) {
          this.#deleteHash(key);
          return;
        }
        arr.push(value);
        this.#deleteHash(key);
        // Keys that now continue the array move into it.
        const hash = this.hash;
        if (hash.size > 0) {
          let next = arr.length + 1;
          while (hash.has(next)) {
            const moved = hash.get(next);
            hash.delete(next);
            if (moved === undefined) break;
            arr.push(moved);
            next++;
          }
        }
        return;
      }
      if (Number.isNaN(key)) throw new LuaError('table index is NaN', 1);
    } else if (key === undefined) {
      throw new LuaError('table index is nil', 1);
    }
    if (value === undefined) {
      this.#deleteHash(key);
      return;
    }
    if (!this.hash.has(key)) this.#order = undefined;
    this.hash.set(key, value);
  }

  #deleteHash(key: unknown): void {
    // The key stays in #order, so `next` can go on from it while a loop
    // clears the fields it visits (which Lua allows).
    if (this.hash.size > 0) this.hash.delete(key);
  }

  /** The length operator's value: a border of the array part. */
  get length(): number {
    return this.arr.length;
  }

  /**
   * Lua's `next`: the key and value after `key` (nil: the first), or
   * undefined at the end.
   * @throws LuaError "invalid key to 'next'" for a key that is not in the table.
   */
  next(key: unknown): [unknown, unknown] | undefined {
    const arr = this.arr;
    let from = 0;
    if (key !== undefined) {
      if (typeof key === 'number' && Number.isInteger(key) && key >= 1 && key <= arr.length) {
        from = key;
      } else {
        return this.#nextInHash(key);
      }
    }
    for (let i = from; i < arr.length; i++) if (arr[i] !== undefined) return [i + 1, arr[i]];
    return this.#nextInHash(undefined);
  }

  #nextInHash(key: unknown): [unknown, unknown] | undefined {
    if (this.#order === undefined) {
      this.#order = [...this.hash.keys()];
      this.#orderIndex = new Map(this.#order.map((k, i) => [k, i]));
    }
    let at = 0;
    if (key !== undefined) {
      const index = this.#orderIndex!.get(key);
      if (index === undefined) throw new LuaError("invalid key to 'next'", 1);
      at = index + 1;
    }
    const order = this.#order;
    const hash = this.hash;
    for (; at < order.length; at++) {
      const value = hash.get(order[at]);
      if (value !== undefined) return [order[at], value];
    }
    return undefined;
  }

  /** Lua 5.1's table.maxn: the largest positive numeric key (0 when none). */
  maxn(): number {
    let max = this.arr.length;
    for (const key of this.hash.keys()) if (typeof key === 'number' && key > max) max = key;
    return max;
  }
}
