/**
 * The list type: a key's value holding a sequence of binary elements
 * (Buffers the list owns), pushed and popped at either end in O(1). The
 * L* commands (commands/l*.ts, rpush.ts and the like) read and change it;
 * the keyspace stores it beside strings, hashes and sets.
 *
 * It is a ring buffer: the elements live in a power-of-two array from
 * `head` on, wrapping around, so both ends take a push or a pop without
 * moving the rest. Changes in the middle (LREM, LINSERT, LTRIM) rebuild
 * the array, O(n) as Redis's are. Redis 7.0 holds every list as a
 * `quicklist`, so OBJECT ENCODING has a single answer; the list keeps the
 * list-max-listpack-size it was created under (its `fill`), as a Redis
 * quicklist keeps its own, for the node layout DUMP, DEBUG OBJECT and
 * MEMORY USAGE show (internal/quicklist.ts).
 *
 * @module
 */

import { Buffer } from 'node:buffer';

export class List {
  /** The list-max-listpack-size it was created under: its quicklist nodes' limit. */
  readonly fill: number;
  #slots: (Buffer | undefined)[] = new Array(8);
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** What OBJECT ENCODING answers for it (Redis 7.0 has one encoding for lists). */
  get encoding(): 'quicklist' {
    return 'quicklist';
  }

  /** Adds `element` at the head (`left`) or the tail. */
  push(element: Buffer, left: boolean): void {
    if (this.#length === this.#slots.length) this.#grow();
    const mask = this.#slots.length - 1;
    if (left) {
      this.#head = (this.#head - 1) & mask;
      this.#slots[this.#head] = element;
    } else {
      this.#slots[(this.#head + this.#length) & mask] = element;
    }
    this.#length++;
  }

  /** Removes and returns the element at the head (`left`) or the tail; undefined when empty. */
  pop(left: boolean): Buffer | undefined {
    if (this.#length === 0) return undefined;
    const mask = this.#slots.length - 1;
    const index = left ? this.#head : (this.#head + this.#length - 1) & mask;
    const element = this.#slots[index];
    this.#slots[index] = undefined;
    if (left) this.#head = (this.#head + 1) & mask;
    this.#length--;
    return element;
  }

  /** The element at `index` (0 the head; negative from the tail, -1 the last), or undefined. */
  at(index: number): Buffer | undefined {
    const i = index < 0 ? this.#length + index : index;
    if (i < 0 || i >= this.#length) return undefined;
    return this.#slots[(this.#head + i) & (this.#slots.length - 1)];
  }

  /** Replaces the element at `index` (negative from the tail); false when out of range. */
  set(index: number, element: Buffer): boolean {
    const i = index < 0 ? this.#length + index : index;
    if (i < 0 || i >= this.#length) return false;
    this.#slots[(this.#head + i) & (this.#slots.length - 1)] = element;
    return true;
  }

  /** The elements from `start` to `end` inclusive (0-based, in range), head first. */
  range(start: number, end: number): Buffer[] {
    const mask = this.#slots.length - 1;
    const elements: Buffer[] = new Array(Math.max(0, end - start + 1));
    for (let i = start; i <= end; i++) elements[i - start] = this.#slots[(this.#head + i) & mask]!;
    return elements;
  }

  /** Every element, head first. */
  values(): Buffer[] {
    return this.range(0, this.#length - 1);
  }

  /** Keeps only the elements `start` to `end` inclusive (both in range). */
  trim(start: number, end: number): void {
    this.#replace(this.range(start, end));
  }

  /** Removes every element. */
  clear(): void {
    this.#replace([]);
  }

  /**
   * Removes up to `count` elements equal to `element` (`count` 0: all),
   * from the head when `fromHead`, else from the tail; returns how many.
   */
  remove(element: Uint8Array, count: number, fromHead: boolean): number {
    const all = this.values();
    const kept: Buffer[] = [];
    let removed = 0;
    const order = fromHead ? all : all.reverse();
    for (const value of order) {
      if ((count === 0 || removed < count) && value.equals(element)) removed++;
      else kept.push(value);
    }
    if (removed > 0) this.#replace(fromHead ? kept : kept.reverse());
    return removed;
  }

  /** Inserts `element` before (or after) the first `pivot`; false when there is no pivot. */
  insert(pivot: Uint8Array, element: Buffer, after: boolean): boolean {
    const all = this.values();
    const index = all.findIndex((value) => value.equals(pivot));
    if (index === -1) return false;
    all.splice(after ? index + 1 : index, 0, element);
    this.#replace(all);
    return true;
  }

  /** A copy with its own elements (COPY's). */
  /**
   * An empty list whose quicklist nodes follow `fill` (list-max-listpack-size),
   * kept within -5 and 32767 as Redis's quicklistSetFill keeps it.
   */
  constructor(fill: number) {
    this.fill = Math.min(Math.max(fill, -5), 32767);
  }

  copy(): List {
    const copy = new List(this.fill);
    for (const value of this.values()) copy.push(Buffer.from(value), false);
    return copy;
  }

  // Doubles the array, the elements laid out from slot 0 (a plain loop:
  // LPUSH of a growing list spent measurable time in a generator here).
  #grow(): void {
    const old = this.#slots;
    const mask = old.length - 1;
    const slots: (Buffer | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.#length; i++) slots[i] = old[(this.#head + i) & mask];
    this.#slots = slots;
    this.#head = 0;
  }

  // Lays `elements` out from slot 0 in an array of at least `capacity`.
  #replace(elements: Buffer[], capacity = 8): void {
    let size = Math.max(8, capacity);
    while (size < elements.length) size *= 2;
    const slots: (Buffer | undefined)[] = new Array(size);
    for (let i = 0; i < elements.length; i++) slots[i] = elements[i];
    this.#slots = slots;
    this.#head = 0;
    this.#length = elements.length;
  }
}
