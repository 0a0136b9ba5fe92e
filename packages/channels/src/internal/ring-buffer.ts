/**
 * A growable FIFO ring buffer with O(1) push and shift.
 *
 * `Array#shift` is O(n) on large arrays, so every queue of this package
 * (buffered values, broadcast slots) sits on this instead: a backlog of a
 * million values costs the same per operation as a backlog of one. The
 * storage doubles when full and halves when three quarters empty, so a burst
 * does not pin its peak memory forever.
 *
 * @module
 */

const MIN_CAPACITY = 16;

export class RingBuffer<T> {
  #items: (T | undefined)[];
  #head = 0;
  #length = 0;
  // Always items.length - 1; items.length is a power of two.
  #mask: number;

  constructor(initialCapacity = MIN_CAPACITY) {
    let capacity = MIN_CAPACITY;
    while (capacity < initialCapacity) capacity *= 2;
    this.#items = new Array(capacity);
    this.#mask = capacity - 1;
  }

  get length(): number {
    return this.#length;
  }

  push(value: T): void {
    if (this.#length === this.#items.length) this.#resize(this.#items.length * 2);
    this.#items[(this.#head + this.#length) & this.#mask] = value;
    this.#length++;
  }

  /** Removes and returns the oldest value, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const value = this.#items[this.#head];
    // Drop the reference so the buffer never keeps a received value alive.
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#length--;
    if (this.#items.length > MIN_CAPACITY && this.#length * 4 < this.#items.length) {
      this.#resize(this.#items.length / 2);
    }
    return value;
  }

  /** The oldest value without removing it. */
  peek(): T | undefined {
    return this.#length === 0 ? undefined : this.#items[this.#head];
  }

  /** Moves up to `limit` values into `target`, oldest first; returns how many. */
  drainInto(target: T[], limit: number): number {
    const count = Math.min(limit, this.#length);
    for (let i = 0; i < count; i++) {
      target.push(this.#items[this.#head] as T);
      this.#items[this.#head] = undefined;
      this.#head = (this.#head + 1) & this.#mask;
    }
    this.#length -= count;
    if (this.#items.length > MIN_CAPACITY && this.#length * 4 < this.#items.length) {
      let capacity = this.#items.length;
      while (capacity > MIN_CAPACITY && this.#length * 4 < capacity) capacity /= 2;
      this.#resize(capacity);
    }
    return count;
  }

  clear(): void {
    this.#items = new Array(MIN_CAPACITY);
    this.#mask = MIN_CAPACITY - 1;
    this.#head = 0;
    this.#length = 0;
  }

  #resize(capacity: number): void {
    const items: (T | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.#length; i++) items[i] = this.#items[(this.#head + i) & this.#mask];
    this.#items = items;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}
