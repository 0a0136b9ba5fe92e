import { describe, expect, it } from 'vitest';
import { OrderedMap } from './ordered-map.js';

interface Item {
  seq: number;
  readonly n: number;
}

function filled(count: number): OrderedMap<Item> {
  const map = new OrderedMap<Item>();
  for (let n = 0; n < count; n++) map.insert(`k${n}`, { seq: map.nextSeq(), n });
  return map;
}

function scanAll(map: OrderedMap<Item>, count: number, between?: () => void): string[] {
  const seen: string[] = [];
  let cursor = 0;
  do {
    const batch = map.scan(cursor, count, () => true);
    seen.push(...batch.items);
    cursor = batch.cursor;
    between?.();
  } while (cursor !== 0);
  return seen;
}

describe('OrderedMap', () => {
  it('scans in insertion order, count items a batch', () => {
    const map = filled(5);
    expect(map.scan(0, 2, () => true)).toEqual({ items: ['k0', 'k1'], cursor: 3 });
    expect(map.scan(3, 2, () => true)).toEqual({ items: ['k2', 'k3'], cursor: 5 });
    expect(map.scan(5, 2, () => true)).toEqual({ items: ['k4'], cursor: 0 });
  });

  it('returns every item present for the whole scan exactly once, across deletions and inserts', () => {
    const map = filled(3000);
    let next = 3000;
    let round = 0;
    const seen = scanAll(map, 7, () => {
      // Delete some items not yet returned and some returned, insert new ones.
      map.delete(`k${(round * 13) % 3000}`);
      map.delete(`k${2999 - ((round * 7) % 1500)}`);
      map.insert(`k${next}`, { seq: map.nextSeq(), n: next });
      next++;
      round++;
    });
    const survivors = [...map.items.keys()].filter((key) => Number(key.slice(1)) < 3000);
    for (const key of survivors) expect(seen.filter((k) => k === key)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('keeps the slot of an item whose insertion rebuilds the index', () => {
    // 2,024 slots for 500 items: exactly at the bound (twice the items
    // plus 1,024), so no deletion rebuilt the index; the next insertion does.
    const map = filled(2024);
    for (let n = 0; n < 1524; n++) map.delete(`k${n}`);
    map.insert('new', { seq: map.nextSeq(), n: -1 });
    const seen = scanAll(map, 100);
    expect(seen).toHaveLength(501);
    expect(seen.at(-1)).toBe('new');
  });

  it('draws live items only, with their keys', () => {
    const map = filled(3000);
    for (let n = 0; n < 3000; n += 2) map.delete(`k${n}`);
    for (let draw = 0; draw < 1000; draw++) {
      const [key, item] = map.randomItem()!;
      expect(item.n % 2).toBe(1);
      expect(key).toBe(`k${item.n}`);
      expect(map.items.get(key)).toBe(item);
    }
    map.clear();
    expect(map.randomItem()).toBeUndefined();
  });

  it('passes over items `keep` refuses without counting them', () => {
    const map = filled(6);
    expect(map.scan(0, 2, (_key, item) => item.n % 2 === 1)).toEqual({
      items: ['k1', 'k3'],
      cursor: 5,
    });
  });

  it('keeps its index within about twice the live items', () => {
    const map = filled(10);
    for (let round = 0; round < 5000; round++) {
      map.delete(`k${round}`);
      map.insert(`k${round + 10}`, { seq: map.nextSeq(), n: round + 10 });
    }
    expect(map.size).toBe(10);
    expect(scanAll(map, 100)).toEqual([...map.items.keys()]);
    // A key deleted and inserted again comes once, at its new place.
    map.delete('k5005');
    map.insert('k5005', { seq: map.nextSeq(), n: 5005 });
    expect(scanAll(map, 3).at(-1)).toBe('k5005');
    expect(scanAll(map, 3)).toHaveLength(10);
  });

  it('draws live keys only, every one of them, and undefined when empty', () => {
    const map = filled(2000);
    for (let n = 0; n < 2000; n += 2) map.delete(`k${n}`);
    const drawn = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const key = map.randomKey()!;
      expect(map.items.has(key)).toBe(true);
      drawn.add(key);
    }
    // 1,000 keys, 20,000 draws: each is missed with probability e^-20.
    expect(drawn.size).toBe(1000);
    map.clear();
    expect(map.randomKey()).toBeUndefined();
  });

  it('draws the one live key even behind many stale slots', () => {
    const map = filled(1000);
    for (let n = 1; n < 1000; n++) map.delete(`k${n}`);
    for (let i = 0; i < 100; i++) expect(map.randomKey()).toBe('k0');
  });

  it('swaps items and numbering with another map', () => {
    const a = filled(3);
    const b = new OrderedMap<Item>();
    b.insert('x', { seq: b.nextSeq(), n: 9 });
    a.swap(b);
    expect([...a.items.keys()]).toEqual(['x']);
    expect(scanAll(b, 10)).toEqual(['k0', 'k1', 'k2']);
    expect(b.nextSeq()).toBe(4);
    expect(a.nextSeq()).toBe(2);
  });
});
