import { describe, expect, it } from 'vitest';
import { DEFAULT_ENCODING_LIMITS } from './encoding-limits.js';
import { Hash } from './hash.js';
import type { Entry } from './keyspace.js';
import { List } from './list.js';
import { countedUsage, memoryUsage } from './memory-usage.js';
import { SortedSet } from './sorted-set.js';

const LIMITS = { entries: 100, bytes: 4096 };

function entryOf(value: Entry['value']): Entry {
  return {
    value,
    expiresAt: 0,
    encoding: 'auto',
    accessedAt: 0,
    frequency: 5,
    countedBytes: 0,
    seq: 0,
  };
}

describe('memoryUsage', () => {
  it("estimates a long list's node count from its samples, as its quicklist would count them", () => {
    const list = new List(-2);
    // 12 bytes each, 14 in a listpack: 584 to a node of 8,183 bytes (an
    // 8 KB allocation), so 428 full nodes and one of 48 (679 bytes, 768).
    for (let i = 0; i < 250_000; i++)
      list.push(Buffer.from(`e-${String(i).padStart(10, '0')}`), false);
    const entry = entryOf(list);
    // Key (8) and dictEntry (24), object and quicklist (56), then nodes
    // of 40 bytes and their listpacks. Sampled, as Redis does: the first
    // nodes' average times the count, estimated here (429) as Redis's
    // quicklist would count it.
    expect(memoryUsage('l', entry, 5, LIMITS)).toBe(88 + 429 * (40 + 8192));
    expect(memoryUsage('l', entry, 1, LIMITS)).toBe(88 + 429 * (40 + 8192));
    // SAMPLES 0 walks every node.
    expect(memoryUsage('l', entry, 0, LIMITS)).toBe(88 + 428 * (40 + 8192) + 40 + 768);
  });

  it("is matched by maxmemory's measure: exactly up to 8 elements, closely from 8 samples past that", () => {
    const small = new Hash(DEFAULT_ENCODING_LIMITS);
    for (let i = 0; i < 8; i++) small.set(`field-${i}`, Buffer.from(`value-${i}`));
    expect(countedUsage('h', entryOf(small), LIMITS)).toBe(
      memoryUsage('h', entryOf(small), 0, LIMITS),
    );
    const shortList = new List(-2);
    for (let i = 0; i < 8; i++) shortList.push(Buffer.from(`e-${i}`), false);
    expect(countedUsage('l', entryOf(shortList), LIMITS)).toBe(
      memoryUsage('l', entryOf(shortList), 0, LIMITS),
    );
    // Larger ones of like elements: within 2% of MEMORY USAGE's walk.
    const close = (value: Entry['value']) => {
      const exact = memoryUsage('k', entryOf(value), 0, LIMITS);
      const counted = countedUsage('k', entryOf(value), LIMITS);
      expect(Math.abs(counted - exact) / exact).toBeLessThan(0.02);
    };
    const hash = new Hash(DEFAULT_ENCODING_LIMITS);
    for (let i = 0; i < 100; i++)
      hash.set(`field-${String(i).padStart(3, '0')}`, Buffer.from('x'.repeat(20)));
    expect(hash.encoding).toBe('listpack');
    close(hash);
    const zset = new SortedSet(DEFAULT_ENCODING_LIMITS);
    for (let i = 0; i < 100; i++) zset.add(`member-${String(i).padStart(3, '0')}`, 1000 + i);
    expect(zset.encoding).toBe('listpack');
    close(zset);
    const list = new List(-2);
    for (let i = 0; i < 50_000; i++)
      list.push(Buffer.from(`element-${String(i).padStart(8, '0')}`), false);
    close(list);
  });
});
