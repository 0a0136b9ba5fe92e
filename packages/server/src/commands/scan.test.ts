// SCAN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';
import { parseCursor } from '../internal/scan-options.js';

// Runs a whole SCAN iteration; returns the keys seen and how many calls it took.
function scanAll(h: CommandHarness, ...options: string[]): { keys: string[]; calls: number } {
  const keys: string[] = [];
  let cursor = '0';
  let calls = 0;
  do {
    const reply = h.run('SCAN', cursor, ...options);
    calls++;
    const lines = reply.split('\r\n');
    cursor = lines[2]!;
    for (let i = 5; i < lines.length - 1; i += 2) keys.push(lines[i]!);
  } while (cursor !== '0');
  return { keys, calls };
}

describe('SCAN', () => {
  it('returns every key exactly once across an iteration, COUNT at a time', () => {
    const h = new CommandHarness();
    for (let i = 0; i < 95; i++) h.run('SET', `k${i}`, 'v');
    const { keys, calls } = scanAll(h, 'COUNT', '10');
    expect(keys.sort()).toEqual(Array.from({ length: 95 }, (_, i) => `k${i}`).sort());
    expect(calls).toBe(10);
  });

  it('keeps returning the keys present for the whole scan while others come and go', () => {
    const h = new CommandHarness();
    for (let i = 0; i < 50; i++) h.run('SET', `k${i}`, 'v');
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const lines = h.run('SCAN', cursor, 'COUNT', '7').split('\r\n');
      cursor = lines[2]!;
      for (let i = 5; i < lines.length - 1; i += 2) seen.add(lines[i]!);
      // Churn: delete and re-add a few keys, add new ones.
      h.run('DEL', `k${40 + (round % 10)}`);
      h.run('SET', `new${round++}`, 'v');
    } while (cursor !== '0');
    for (let i = 0; i < 40; i++) expect(seen.has(`k${i}`)).toBe(true);
  });

  it('filters with MATCH and TYPE after picking the batch, as Redis does', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a1', 'v', 'b1', 'v', 'a2', 'v');
    expect(scanAll(h, 'MATCH', 'a*').keys).toEqual(['a1', 'a2']);
    expect(scanAll(h, 'TYPE', 'string').keys).toEqual(['a1', 'b1', 'a2']);
    expect(scanAll(h, 'TYPE', 'list').keys).toEqual([]);
    expect(h.run('SCAN', '0', 'COUNT', '2', 'MATCH', 'b*')).toMatch(
      /^\*2\r\n\$\d+\r\n[1-9]\d*\r\n\*1\r\n\$2\r\nb1\r\n$/,
    );
  });

  it('deletes the expired keys MATCH keeps, with their notifications, as Redis does', () => {
    const h = new CommandHarness();
    h.run('CONFIG', 'SET', 'notify-keyspace-events', 'Egxm');
    const subscriber = h.connect();
    subscriber.run('PSUBSCRIBE', '__keyevent@0__:*');
    h.run('SET', 'a1', 'v', 'PX', '10');
    h.run('SET', 'b1', 'v', 'PX', '10');
    h.run('SET', 'a2', 'v');
    h.run('SET', 'a3', 'v', 'PX', '10');
    subscriber.messages();
    // Past the deadlines; the purge task has not run (the harness's clock).
    h.advance(20);
    expect(scanAll(h, 'MATCH', 'a*').keys).toEqual(['a2']);
    expect(subscriber.messages()).toEqual([
      '__keyevent@0__:*>__keyevent@0__:expired:a1',
      '__keyevent@0__:*>__keyevent@0__:expired:a3',
    ]);
    // b1 did not match: it waits for its lookup or the purge.
    expect(h.db.databases[0]!.size).toBe(2);
    // With TYPE, the lookup that finds it expired also reports the miss.
    expect(scanAll(h, 'TYPE', 'string').keys).toEqual(['a2']);
    expect(subscriber.messages()).toEqual([
      '__keyevent@0__:*>__keyevent@0__:expired:b1',
      '__keyevent@0__:*>__keyevent@0__:keymiss:b1',
    ]);
  });

  it('ends at once for a cursor past every key', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', 'v');
    expect(h.run('SCAN', '18446744073709551615')).toBe('*2\r\n$1\r\n0\r\n*0\r\n');
  });

  it('reads cursors as strtoul does, sign, empty text and NUL byte included', () => {
    expect(parseCursor('')).toBe(0n);
    expect(parseCursor('+5')).toBe(5n);
    expect(parseCursor('007')).toBe(7n);
    expect(parseCursor('1\u0000x')).toBe(1n);
    expect(parseCursor('-1')).toBe(2n ** 64n - 1n);
    expect(parseCursor('-0')).toBe(0n);
    expect(parseCursor('-18446744073709551615')).toBe(1n);
    const h = new CommandHarness();
    h.run('SET', 'a', 'v');
    // Accepted by redis-server 7.0 too; a count past 2^53 asks for every key.
    expect(h.run('SCAN', '', 'COUNT', '9223372036854775807')).toBe(
      '*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n',
    );
  });

  it('rejects a bad cursor, COUNT and options with Redis texts', () => {
    const h = new CommandHarness();
    // Refused by strtoul's rules, as redis-server 7.0 refused each.
    for (const cursor of [
      'abc',
      ' 1',
      '+',
      '-',
      '1x',
      '18446744073709551616',
      '-18446744073709551616',
    ])
      expect(h.run('SCAN', cursor)).toBe(err('ERR invalid cursor'));
    expect(h.run('SCAN', '0', 'COUNT', '0')).toBe(err('ERR syntax error'));
    expect(h.run('SCAN', '0', 'COUNT', '-9223372036854775808')).toBe(err('ERR syntax error'));
    expect(h.run('SCAN', '0', 'COUNT', 'x')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('SCAN', '0', 'MATCH')).toBe(err('ERR syntax error'));
    expect(h.run('SCAN', '0', 'FOO', 'bar')).toBe(err('ERR syntax error'));
  });
});
