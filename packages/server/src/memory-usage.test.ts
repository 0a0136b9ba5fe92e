import { describe, expect, it } from 'vitest';
import type { Entry } from './keyspace.js';
import { List } from './list.js';
import { memoryUsage } from './memory-usage.js';

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
});
