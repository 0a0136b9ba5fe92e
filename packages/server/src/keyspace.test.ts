import { describe, expect, it } from 'vitest';
import { Db } from './db.js';
import { Keyspace } from './keyspace.js';

const value = (text: string) => Buffer.from(text);

describe('Keyspace', () => {
  it('hides and deletes an expired key on access', () => {
    const keyspace = new Keyspace();
    keyspace.set('a', value('1'), 0, 1000);
    expect(keyspace.get('a', 999)?.value).toEqual(value('1'));
    expect(keyspace.get('a', 1000)).toBeUndefined();
    expect(keyspace.size).toBe(0);
  });

  it('purges expired keys and reports the next deadline, skipping stale ones', () => {
    const keyspace = new Keyspace();
    keyspace.set('a', value('1'), 0, 100);
    keyspace.set('b', value('2'), 0, 200);
    keyspace.set('c', value('3'), 0);
    // A moved deadline leaves a stale heap entry that must not delete the key.
    const entry = keyspace.get('a', 0)!;
    keyspace.setExpiry('a', entry, 300);
    expect(keyspace.purgeExpired(150)).toBe(200);
    expect([...keyspace.keys(150)]).toEqual(['a', 'b', 'c']);
    expect(keyspace.purgeExpired(250)).toBe(300);
    expect([...keyspace.keys(250)]).toEqual(['a', 'c']);
    expect(keyspace.expiringCount).toBe(1);
  });

  it('tells the purge task about an earlier deadline only', () => {
    const keyspace = new Keyspace();
    let wakes = 0;
    keyspace.onEarlierDeadline = () => wakes++;
    keyspace.set('a', value('1'), 0, 500);
    keyspace.set('b', value('1'), 0, 600);
    keyspace.set('c', value('1'), 0, 400);
    expect(wakes).toBe(2);
  });

  it('does not pile up stale deadlines when a key is re-expired in a loop', () => {
    const keyspace = new Keyspace();
    keyspace.set('a', value('1'), 0, 10);
    const entry = keyspace.get('a', 0)!;
    for (let i = 0; i < 100_000; i++) keyspace.setExpiry('a', entry, 1_000_000 + i);
    expect(keyspace.purgeExpired(5)).toBe(1_000_000 + 99_999);
  });

  it('scans every key present for the whole scan exactly once, whatever else changes', () => {
    const keyspace = new Keyspace();
    for (let i = 0; i < 100; i++) keyspace.set(`k${i}`, value('v'), 0);
    const seen: string[] = [];
    let cursor = 0;
    let round = 0;
    do {
      const batch = keyspace.scan(cursor, 7);
      seen.push(...batch.keys);
      cursor = batch.cursor;
      // Churn during the scan: delete scanned keys, add new ones.
      keyspace.delete(`k${round}`);
      keyspace.set(`new${round++}`, value('v'), 0);
    } while (cursor !== 0);
    const stable = Array.from({ length: 100 }, (_, i) => `k${i}`).filter((k) => keyspace.has(k, 0));
    for (const key of stable) expect(seen.filter((k) => k === key)).toHaveLength(1);
  });

  it('keeps a scan exact across the rebuilds of its index under heavy deletion', () => {
    const keyspace = new Keyspace();
    for (let i = 0; i < 5000; i++) keyspace.set(`k${i}`, value('v'), 0);
    const seen = new Map<string, number>();
    let cursor = 0;
    let round = 0;
    do {
      const batch = keyspace.scan(cursor, 50);
      for (const key of batch.keys) seen.set(key, (seen.get(key) ?? 0) + 1);
      cursor = batch.cursor;
      // Delete 100 keys that are not multiples of 10 per round, and re-add
      // a few deleted ones (they come back with a new place at the end).
      for (let j = 0; j < 100; j++) {
        const n = round * 100 + j;
        if (n % 10 !== 0) keyspace.delete(`k${n}`);
      }
      if (round % 3 === 0) keyspace.set(`k${round * 100 + 1}`, value('again'), 0);
      round++;
    } while (cursor !== 0);
    // Every key present for the whole scan (the multiples of 10) was
    // returned exactly once; the others at most once per life.
    for (let i = 0; i < 5000; i += 10) expect(seen.get(`k${i}`)).toBe(1);
    for (const count of seen.values()) expect(count).toBeLessThanOrEqual(2);
  });
});

describe('Db', () => {
  it('purges expired keys in the background, woken for earlier deadlines', async () => {
    const db = new Db({ databases: 2, pubsubCapacity: 4 });
    db.start();
    const keyspace = db.databases[1]!;
    keyspace.set('late', value('1'), Date.now(), Date.now() + 60_000);
    keyspace.set('soon', value('1'), Date.now(), Date.now() + 30);
    // size counts without touching keys: only the purge task removes them.
    // Polled, not slept: on a loaded machine the timer may fire late.
    for (let i = 0; i < 300 && keyspace.size !== 1; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(keyspace.size).toBe(1);
    await db.stop();
  });

  // A timer cannot wait past 2^31 - 1 ms: beyond it setTimeout fires after
  // 1 ms with a warning (a purge every millisecond), and past 2^32 - 1
  // AbortSignal.timeout throws, which crashed the server on
  // `EXPIRE k 99999999999999` (found by the random differential test).
  it.each([
    ['past 2^31 ms', 3_000_000_000],
    ['past 2^32 ms', 99_999_999_999_999_000],
  ])('sleeps safely until a deadline %s away', async (_, distance) => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const db = new Db({ databases: 1, pubsubCapacity: 4 });
      const keyspace = db.databases[0]!;
      let purges = 0;
      const purge = keyspace.purgeExpired.bind(keyspace);
      keyspace.purgeExpired = (now) => {
        purges++;
        return purge(now);
      };
      db.start();
      keyspace.set('far', value('1'), Date.now(), Date.now() + distance);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // One purge at start, one when woken for the new deadline.
      expect(purges).toBeLessThanOrEqual(2);
      expect(keyspace.size).toBe(1);
      await expect(db.stop()).resolves.toBeUndefined();
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
  it('touches the watchers of a key on every change, the purge task and a flush included', () => {
    const keyspace = new Keyspace();
    const watcher = { touched: false };
    const changes: [string, () => void][] = [
      ['set', () => keyspace.set('w', value('1'), 0)],
      ['setExpiry', () => keyspace.setExpiry('w', keyspace.get('w', 0)!, 500)],
      ['purge', () => keyspace.purgeExpired(600)],
      ['delete', () => keyspace.delete('w')],
      ['touch', () => keyspace.touch('w')],
      ['clear', () => keyspace.clear()],
    ];
    for (const [name, change] of changes) {
      keyspace.set('w', value('v'), 0, name === 'purge' ? 500 : 0);
      keyspace.watch('w', watcher);
      watcher.touched = false;
      change();
      expect(watcher.touched, name).toBe(true);
      keyspace.unwatch('w', watcher);
    }
  });

  it('leaves the watchers of other keys, and of missing keys on a flush, alone', () => {
    const keyspace = new Keyspace();
    const watcher = { touched: false };
    keyspace.watch('w', watcher);
    keyspace.set('other', value('1'), 0);
    keyspace.delete('w');
    keyspace.clear();
    expect(watcher.touched).toBe(false);
  });

  it('forgets a watcher once unwatched, and counts the keys watched', () => {
    const keyspace = new Keyspace();
    const first = { touched: false };
    const second = { touched: false };
    keyspace.watch('w', first);
    keyspace.watch('w', second);
    keyspace.watch('x', first);
    expect(keyspace.watchedKeyCount).toBe(2);
    keyspace.unwatch('w', first);
    keyspace.set('w', value('1'), 0);
    expect([first.touched, second.touched]).toEqual([false, true]);
    keyspace.unwatch('w', second);
    keyspace.unwatch('x', first);
    expect(keyspace.watchedKeyCount).toBe(0);
  });
});
