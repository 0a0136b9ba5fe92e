/**
 * An insertion-ordered map with what SCAN and the random commands need:
 * a cursor that survives deletions, and a uniformly random live item in
 * O(1) expected time. The keyspace holds its keys in one; a hash holds its
 * fields in another.
 *
 * Each item gets a sequence number when it is inserted (overwriting keeps
 * it), and the cursor is the number of the next item to return, so an
 * item present for a whole iteration is returned exactly once, whatever is
 * inserted or deleted meanwhile. The numbers live in a side index, items
 * and numbers in seq order, found by binary search; a deletion leaves a
 * stale slot there (its item is gone, or was deleted and inserted again
 * with a newer number), and the index is rebuilt from the map once stale
 * slots outnumber the live ones, so it never holds more than about twice
 * the map's size.
 *
 * @module
 */

/** What an item carries: its insertion number. */
export interface Sequenced {
  readonly seq: number;
}

/** A batch of a scan, and the cursor to continue from (0: done). */
export interface ScanBatch<K> {
  readonly items: K[];
  readonly cursor: number;
}

export class OrderedMap<V extends Sequenced> {
  #items = new Map<string, V>();
  #slotKeys: string[] = [];
  #slotSeqs: number[] = [];
  #nextSeq = 1;

  /** The items, in insertion order; change them only through this class. */
  get items(): Map<string, V> {
    return this.#items;
  }

  get size(): number {
    return this.#items.size;
  }

  /** The number the next inserted item must carry. */
  nextSeq(): number {
    return this.#nextSeq++;
  }

  /** Inserts `value` (made with `nextSeq()`) under `key`, which must be absent. */
  insert(key: string, value: V): void {
    this.#slotKeys.push(key);
    this.#slotSeqs.push(value.seq);
    if (this.#slotKeys.length > 2 * this.#items.size + 1024) this.#rebuild();
    this.#items.set(key, value);
  }

  /** Deletes `key`'s item; false when there was none. */
  delete(key: string): boolean {
    if (!this.#items.delete(key)) return false;
    if (this.#slotKeys.length > 2 * this.#items.size + 1024) this.#rebuild();
    return true;
  }

  clear(): void {
    this.#items.clear();
    this.#slotKeys = [];
    this.#slotSeqs = [];
  }

  /**
   * Up to `count` items from cursor `cursor` on, in insertion order, for
   * which `keep` is true (items it refuses are passed over without being
   * counted), and the cursor to continue from: 0 when none is left.
   */
  scan(cursor: number, count: number, keep: (key: string, value: V) => boolean): ScanBatch<string> {
    const items: string[] = [];
    const keys = this.#slotKeys;
    const seqs = this.#slotSeqs;
    // The first slot whose seq is at least the cursor.
    let low = 0;
    let high = seqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (seqs[middle]! < cursor) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < seqs.length; i++) {
      const key = keys[i]!;
      const value = this.#items.get(key);
      // A stale slot: the item was deleted, or deleted and inserted again later.
      if (value === undefined || value.seq !== seqs[i]) continue;
      if (items.length === count) return { items, cursor: value.seq };
      if (keep(key, value)) items.push(key);
    }
    return { items, cursor: 0 };
  }

  /**
   * A uniformly chosen key, or undefined when empty: a random slot until
   * one is live (each live item has exactly one live slot, and at least
   * about a third of the slots are live once the map passes a thousand
   * items), then a walk of the map should many tries in a row be stale.
   */
  randomKey(): string | undefined {
    return this.randomItem()?.[0];
  }

  /**
   * `randomKey`'s key with its item, found by the same lookup (eviction
   * samples items by the thousand: a second lookup of a random key is a
   * cache miss).
   */
  randomItem(): [string, V] | undefined {
    const size = this.#items.size;
    if (size === 0) return undefined;
    const keys = this.#slotKeys;
    const seqs = this.#slotSeqs;
    for (let attempt = 0; attempt < 64; attempt++) {
      const i = Math.floor(Math.random() * keys.length);
      const value = this.#items.get(keys[i]!);
      if (value !== undefined && value.seq === seqs[i]) return [keys[i]!, value];
    }
    let index = Math.floor(Math.random() * size);
    for (const item of this.#items) if (index-- === 0) return item;
    return undefined;
  }

  /** Exchanges every item (and the numbering) with `other`. */
  swap(other: OrderedMap<V>): void {
    [this.#items, other.#items] = [other.#items, this.#items];
    [this.#slotKeys, other.#slotKeys] = [other.#slotKeys, this.#slotKeys];
    [this.#slotSeqs, other.#slotSeqs] = [other.#slotSeqs, this.#slotSeqs];
    [this.#nextSeq, other.#nextSeq] = [other.#nextSeq, this.#nextSeq];
  }

  #rebuild(): void {
    const keys: string[] = [];
    const seqs: number[] = [];
    for (const [key, value] of this.#items) {
      keys.push(key);
      seqs.push(value.seq);
    }
    this.#slotKeys = keys;
    this.#slotSeqs = seqs;
  }
}
