/**
 * maxmemory's running count of the data (key-eviction.ts): every
 * database's keys, as memory-usage.ts's countedUsage sizes them, and the
 * hash tables Redis would hold them in.
 *
 * The check before each command reads the count, so reading it must cost
 * what changed since the last read, not the sixteen databases. A keyspace
 * that changes (a key set, resized, given a deadline or deleted, a flush,
 * a swap) puts itself on `changed`, once until it is settled; `total()`
 * settles those, each measuring its changed keys again and its tables,
 * and adds how far each moved to the running total. A read after a GET
 * settles nothing; after a SET, one database and one key.
 *
 * @module
 */

import type { Entry, Keyspace } from './keyspace.js';

/** The size maxmemory counts for one key (memory-usage.ts's countedUsage). */
export type KeyMeasure = (key: string, entry: Entry) => number;

/**
 * The count shared by one server's keyspaces while a limit is set
 * (`Keyspace#countWith`). Never throws.
 */
export class MemoryAccounting {
  /** How a key is sized; keyspaces call it for their changed keys. */
  readonly measure: KeyMeasure;
  /**
   * The keyspaces changed since the last `total()`, each at most once, so
   * at most the number of databases. Keyspaces push themselves.
   */
  readonly changed: Keyspace[] = [];
  // The sum of the keyspaces' counts as last settled.
  #total = 0;

  constructor(measure: KeyMeasure) {
    this.measure = measure;
  }

  /** The bytes counted now: the changed keyspaces settled first. */
  total(): number {
    const changed = this.changed;
    for (let i = 0; i < changed.length; i++) this.#total += changed[i]!.settleCount();
    changed.length = 0;
    return this.#total;
  }
}
