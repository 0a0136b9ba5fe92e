import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/helpers.js';
import { DEFAULT_ENCODING_LIMITS } from './encoding-limits.js';
import { Hash } from './hash.js';
import { Keyspace } from './keyspace.js';
import { MemoryAccounting } from './memory-accounting.js';
import { countedUsage } from './memory-usage.js';

const limits = { entries: 100, bytes: 4096 };
const measure = new MemoryAccounting((key, entry) => countedUsage(key, entry, limits)).measure;

// What a count started from nothing says now: every key measured, and
// the tables as they stand (their slots follow the keyspace's history, as
// Redis's dict's do, so they are read, not rebuilt; reading them is
// idempotent).
function fromScratch(keyspaces: Keyspace[]): number {
  let total = 0;
  for (const keyspace of keyspaces) {
    total += keyspace.tableBytes();
    for (const [key, entry] of keyspace.storedEntries()) total += measure(key, entry);
  }
  return total;
}

describe('MemoryAccounting', () => {
  it('counts a key, its change in place, its deadline and its deletion', () => {
    const accounting = new MemoryAccounting(measure);
    const keyspace = new Keyspace();
    keyspace.countWith(accounting);
    expect(accounting.total()).toBe(0);
    keyspace.set('k', Buffer.from('v'.repeat(100)), 0);
    // The key (a raw string of 100 bytes) and a main table of 4 slots.
    const one = accounting.total();
    expect(one).toBe(measure('k', keyspace.peek('k')!) + 8 * 4);
    const hash = new Hash(DEFAULT_ENCODING_LIMITS);
    hash.set('f', Buffer.from('x'));
    keyspace.set('h', hash, 0);
    const two = accounting.total();
    hash.set('g', Buffer.from('y'.repeat(50)));
    // Changed in place: nothing moves until the keyspace is told.
    expect(accounting.total()).toBe(two);
    keyspace.touch('h');
    expect(accounting.total()).toBe(fromScratch([keyspace]));
    expect(accounting.total()).toBeGreaterThan(two);
    // A deadline: 8 bytes a slot of the expires table (4) and 24 an entry.
    const before = accounting.total();
    keyspace.setExpiry('k', keyspace.peek('k')!, Date.now() + 60_000);
    expect(accounting.total()).toBe(before + 8 * 4 + 24);
    // SWAPDB with an empty database: the keys' bytes move, the total stays.
    const other = new Keyspace(1);
    other.countWith(accounting);
    const total = accounting.total();
    keyspace.swapContents(other);
    expect(accounting.total()).toBe(total);
    other.delete('h');
    other.delete('k');
    expect(accounting.total()).toBe(0);
  });

  it('keeps the same total as a count from scratch through sets, deletes, swaps and flushes', () => {
    const accounting = new MemoryAccounting(measure);
    const keyspaces = [new Keyspace(0), new Keyspace(1), new Keyspace(2)];
    for (const keyspace of keyspaces) keyspace.countWith(accounting);
    const next = seededRandom(11);
    const random = (n: number) => Math.floor(next() * n);
    const now = Date.now();
    for (let step = 0; step < 5_000; step++) {
      const keyspace = keyspaces[random(3)]!;
      const key = `key:${random(200)}`;
      const op = random(20);
      if (op < 8) keyspace.set(key, Buffer.from('v'.repeat(random(90))), now);
      else if (op < 10) {
        const existing = keyspace.peek(key);
        const hash =
          existing?.value instanceof Hash ? existing.value : new Hash(DEFAULT_ENCODING_LIMITS);
        hash.set(`f${random(300)}`, Buffer.from('x'.repeat(random(20))));
        if (existing === undefined) keyspace.set(key, hash, now);
        else keyspace.touch(key);
      } else if (op < 14) keyspace.delete(key);
      else if (op < 17) {
        const entry = keyspace.peek(key);
        if (entry !== undefined) keyspace.setExpiry(key, entry, random(2) === 0 ? 0 : now + 60_000);
      } else if (op < 19) keyspace.swapContents(keyspaces[random(3)]!);
      else if (random(10) === 0) keyspace.clear();
      // Read now and then, as before a command; several changes between reads too.
      if (random(3) === 0) expect(accounting.total()).toBe(fromScratch(keyspaces));
    }
    expect(accounting.total()).toBe(fromScratch(keyspaces));
    expect(accounting.total()).toBeGreaterThan(0);
  });
});
