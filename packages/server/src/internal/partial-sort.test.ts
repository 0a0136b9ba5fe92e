// partialSort: Redis 7.0's pqsort, checked against a full sort and against
// the order of equal items that Redis's own code leaves.
import { describe, expect, it } from 'vitest';
import { partialSort } from './partial-sort.js';

interface Item {
  readonly name: string;
  readonly key: number;
}

const byKey = (a: Item, b: Item) => (a.key > b.key ? 1 : a.key === b.key ? 0 : -1);

// 50 items with only five distinct keys.
const KEYS = [
  3, 2, 4, 1, 2, 2, 3, 1, 3, 1, 2, 4, 4, 2, 3, 2, 4, 1, 2, 3, 1, 4, 1, 3, 1, 2, 3, 4, 2, 2, 3, 2, 2,
  3, 3, 2, 2, 1, 3, 5, 4, 3, 5, 5, 3, 3, 3, 2, 3, 2,
];
const items = (): Item[] => KEYS.map((key, i) => ({ name: `p${i}`, key }));

describe('partialSort', () => {
  it('puts in positions from..to what a full sort would', () => {
    let seed = 42;
    const next = () => {
      // Math.imul keeps the product exact (a plain product passes 2 ** 53
      // and loses its low bits, and with them most of the sequence).
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const length = 1 + Math.floor(next() * 120);
      const list = Array.from({ length }, (_, i) => ({
        name: `i${i}`,
        key: Math.floor(next() * 20),
      }));
      const to = Math.floor(next() * length);
      const sorted = [...list]
        .sort(byKey)
        .slice(0, to + 1)
        .map((item) => item.key);
      partialSort(list, byKey, 0, to);
      expect(list.slice(0, to + 1).map((item) => item.key)).toEqual(sorted);
      // Nothing lost or duplicated.
      expect(new Set(list.map((item) => item.name)).size).toBe(length);
    }
  });

  it("leaves equal items in the order Redis 7.0's pqsort does", () => {
    // The orders redis-server's pqsort.c leaves for these 50 items (it
    // has no insertion-sort shortcut in 7.0; later versions do).
    const first10 = items();
    partialSort(first10, byKey, 0, 9);
    expect(first10.slice(0, 10).map((item) => item.name)).toEqual([
      'p7',
      'p9',
      'p37',
      'p20',
      'p17',
      'p3',
      'p24',
      'p22',
      'p49',
      'p1',
    ]);
    const first3 = items();
    partialSort(first3, byKey, 0, 2);
    expect(first3.slice(0, 3).map((item) => item.name)).toEqual(['p7', 'p9', 'p37']);
  });
});
