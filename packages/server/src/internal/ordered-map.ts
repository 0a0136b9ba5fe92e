/**
 * An insertion-ordered map with what SCAN and the random commands need:
 * a cursor that survives deletions, and a uniformly random live item in
 * O(1) expected time. The keyspace holds its keys in one; a hash holds its
 * fields in another.
 *
 * Each item gets a sequence number when it is inserted (overwriting keeps
 * it), and the cursor is the number of the next item to return, so an
 * item present for a whole iteration is returned exactly once, whatever is
 * inserted or deleted meanwhile. A side index holds the keys and the items
 * themselves in seq order, found by binary search; a deletion negates the
 * item's number, which leaves a stale slot there that is told apart
 * without a lookup in the map (a deleted key inserted again is a new item
 * with a newer number, in a slot of its own), and the index is rebuilt
 * from the map once stale slots outnumber the live ones, so it never holds
 * more than about twice the map's size. (Telling a slot's item live by its
 * own number, not by looking its key up, matters for the random draws:
 * eviction draws thousands a second, and a lookup of a random key in a
 * large map is a cache miss or three.)
 *
 * @module
 */

/**
 * What an item carries: its insertion number, which this map negates when
 * it deletes the item (an item is not inserted again once deleted).
 */
export interface Sequenced {
  seq: number;
}

/** A batch of a scan, and the cursor to continue from (0: done). */
export interface ScanBatch<K> {
  readonly items: K[];
  readonly cursor: number;
}

export class OrderedMap<V extends Sequenced> {
  #items = new Map<string, V>();
  #slotKeys: string[] = [];
  #slotItems: V[] = [];
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
    this.#slotItems.push(value);
    // In the map before a rebuild, which makes the slots from the map.
    this.#items.set(key, value);
    if (this.#slotKeys.length > 2 * this.#items.size + 1024) this.#rebuild();
  }

  /** Deletes `key`'s item; false when there was none. */
  delete(key: string): boolean {
    const value = this.#items.get(key);
    if (value === undefined) return false;
    this.#items.delete(key);
    value.seq = -value.seq;
    if (this.#slotKeys.length > 2 * this.#items.size + 1024) this.#rebuild();
    return true;
  }

  clear(): void {
    this.#items.clear();
    this.#slotKeys = [];
    this.#slotItems = [];
  }

  /**
   * Up to `count` items from cursor `cursor` on, in insertion order, for
   * which `keep` is true (items it refuses are passed over without being
   * counted), and the cursor to continue from: 0 when none is left.
   */
  scan(cursor: number, count: number, keep: (key: string, value: V) => boolean): ScanBatch<string> {
    const items: string[] = [];
    const keys = this.#slotKeys;
    const slotItems = this.#slotItems;
    // The first slot whose seq is at least the cursor (a deleted item's,
    // negated, still orders the slots).
    let low = 0;
    let high = slotItems.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (Math.abs(slotItems[middle]!.seq) < cursor) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < slotItems.length; i++) {
      const key = keys[i]!;
      const value = slotItems[i]!;
      // A stale slot: its item was deleted.
      if (value.seq < 0) continue;
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
    const slotItems = this.#slotItems;
    for (let attempt = 0; attempt < 64; attempt++) {
      const i = Math.floor(Math.random() * keys.length);
      const value = slotItems[i]!;
      if (value.seq > 0) return [keys[i]!, value];
    }
    let index = Math.floor(Math.random() * size);
    for (const item of this.#items) if (index-- === 0) return item;
    return undefined;
  }

  /** Exchanges every item (and the numbering) with `other`. */
  swap(other: OrderedMap<V>): void {
    [this.#items, other.#items] = [other.#items, this.#items];
    [this.#slotKeys, other.#slotKeys] = [other.#slotKeys, this.#slotKeys];
    [this.#slotItems, other.#slotItems] = [other.#slotItems, this.#slotItems];
    [this.#nextSeq, other.#nextSeq] = [other.#nextSeq, this.#nextSeq];
  }

  #rebuild(): void {
    const keys: string[] = [];
    const slotItems: V[] = [];
    for (const [key, value] of this.#items) {
      keys.push(key);
      slotItems.push(value);
    }
    this.#slotKeys = keys;
    this.#slotItems = slotItems;
  }
}
