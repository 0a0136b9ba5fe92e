/**
 * The hash type: a key's value that maps fields to values, both binary
 * (fields are Latin-1 strings holding their bytes, as keys are; values
 * are Buffers the hash owns). The H* commands (commands/h*.ts) read and
 * change it; the keyspace stores it as an entry's value beside strings.
 *
 * Fields keep their insertion order, which is the order Redis's compact
 * encoding (a listpack) keeps, so HGETALL, HKEYS and HVALS of a small hash
 * answer in Redis's order. The hash also tracks the encoding Redis 7.0
 * would use, for OBJECT ENCODING: `listpack` until it holds more than
 * hash-max-listpack-entries fields (512) or is given a field or value
 * longer than hash-max-listpack-value bytes (64), then `hashtable` for
 * good (Redis converts one way only). The limits are its server's
 * (encoding-limits.ts), read at each change. Redis's order for a
 * hashtable is its buckets'; this one keeps insertion order throughout.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { EncodingLimits } from './encoding-limits.js';
import { OrderedMap, type ScanBatch } from './internal/ordered-map.js';

/** A field's value and its insertion number (HSCAN's cursor). */
interface HashField {
  value: Buffer;
  seq: number;
}

export class Hash {
  readonly #fields = new OrderedMap<HashField>();
  readonly #limits: Readonly<EncodingLimits>;
  #listpack = true;

  /** An empty hash (a listpack) under its server's encoding limits. */
  constructor(limits: Readonly<EncodingLimits>) {
    this.#limits = limits;
  }

  /** How many fields it holds. */
  get size(): number {
    return this.#fields.size;
  }

  /** What OBJECT ENCODING answers for it. */
  get encoding(): 'listpack' | 'hashtable' {
    return this.#listpack ? 'listpack' : 'hashtable';
  }

  /** `field`'s value, or undefined. */
  get(field: string): Buffer | undefined {
    return this.#fields.items.get(field)?.value;
  }

  has(field: string): boolean {
    return this.#fields.items.has(field);
  }

  /**
   * Sets `field` to `value` (a Buffer the hash now owns); true when the
   * field is new. An existing field keeps its place.
   */
  set(field: string, value: Buffer): boolean {
    // Redis's hashTypeSet converts before adding a long field or value, and
    // after any set, an update included, that finds the count past the
    // limit (which CONFIG SET may have lowered since).
    const limits = this.#limits;
    const maxValue = limits['hash-max-listpack-value'];
    if (field.length > maxValue || value.length > maxValue) this.#listpack = false;
    const existing = this.#fields.items.get(field);
    if (existing !== undefined) existing.value = value;
    else this.#fields.insert(field, { value, seq: this.#fields.nextSeq() });
    if (this.#fields.size > limits['hash-max-listpack-entries']) this.#listpack = false;
    return existing === undefined;
  }

  /** Deletes `field`; false when it was absent. */
  delete(field: string): boolean {
    return this.#fields.delete(field);
  }

  /** Every field and its value, in order. */
  *entries(): IterableIterator<[string, Buffer]> {
    for (const [field, { value }] of this.#fields.items) yield [field, value];
  }

  /**
   * The total of `size(field, value)` over the first `count` fields, in
   * order (maxmemory's sample: no iterator objects on a path taken after
   * every change to the hash).
   */
  sumFirst(count: number, size: (field: string, value: Buffer) => number): number {
    let total = 0;
    let left = count;
    if (left <= 0) return 0;
    for (const [field, item] of this.#fields.items) {
      total += size(field, item.value);
      if (--left === 0) break;
    }
    return total;
  }

  /** Every field, in order. */
  fields(): IterableIterator<string> {
    return this.#fields.items.keys();
  }

  /**
   * HSCAN over a `hashtable`: up to `count` fields from `cursor` on, and
   * the cursor to continue from (0: done). A field present for the whole
   * iteration is returned exactly once. (A `listpack` is returned whole in
   * one reply, as Redis does; the command decides.)
   */
  scan(cursor: number, count: number): ScanBatch<string> {
    return this.#fields.scan(cursor, count, keepAll);
  }

  /** A uniformly chosen field, or undefined when empty. */
  randomField(): string | undefined {
    return this.#fields.randomKey();
  }

  /** A copy with the same fields, order and encoding (COPY's; Redis's hashTypeDup). */
  copy(): Hash {
    const copy = new Hash(this.#limits);
    for (const [field, { value }] of this.#fields.items)
      copy.#fields.insert(field, { value: Buffer.from(value), seq: copy.#fields.nextSeq() });
    copy.#listpack = this.#listpack;
    return copy;
  }
}

function keepAll(): boolean {
  return true;
}
