// HSCAN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

const scanReply = (cursor: string, ...items: string[]) => `*2\r\n${bulk(cursor)}${bulks(...items)}`;

describe('HSCAN', () => {
  it('replies with a small hash whole, whatever the cursor and COUNT', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2', 'ab', '3');
    expect(h.run('HSCAN', 'h', '0')).toBe(scanReply('0', 'a', '1', 'b', '2', 'ab', '3'));
    expect(h.run('HSCAN', 'h', '9', 'COUNT', '1')).toBe(
      scanReply('0', 'a', '1', 'b', '2', 'ab', '3'),
    );
    expect(h.run('HSCAN', 'h', '0', 'MATCH', 'a*')).toBe(scanReply('0', 'a', '1', 'ab', '3'));
    expect(h.run('HSCAN', 'nokey', '0', 'COUNT', '0')).toBe(scanReply('0'));
  });

  it('iterates a large hash a batch at a time, every field once', () => {
    const h = new CommandHarness();
    const fields = Array.from({ length: 600 }, (_, i) => [`f${i}`, 'v']).flat();
    h.run('HSET', 'h', ...fields);
    const seen: string[] = [];
    let cursor = '0';
    let calls = 0;
    do {
      const lines = h.run('HSCAN', 'h', cursor, 'COUNT', '100').split('\r\n');
      cursor = lines[2]!;
      for (let i = 5; i < lines.length; i += 4) seen.push(lines[i]!);
      calls++;
    } while (cursor !== '0');
    // The sixth batch takes the last 100 and ends the iteration itself.
    expect(calls).toBe(6);
    expect(new Set(seen).size).toBe(600);
    expect(seen).toHaveLength(600);
  });

  it("refuses what Redis refuses, in Redis's order", () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1');
    h.run('SET', 's', 'v');
    expect(h.run('HSCAN', 'h', 'x')).toBe(err('ERR invalid cursor'));
    expect(h.run('HSCAN', 's', 'x')).toBe(err('ERR invalid cursor'));
    expect(h.run('HSCAN', 's', '0')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('HSCAN', 'h', '0', 'COUNT', '0')).toBe(err('ERR syntax error'));
    expect(h.run('HSCAN', 'h', '0', 'TYPE', 'hash')).toBe(err('ERR syntax error'));
  });
});
