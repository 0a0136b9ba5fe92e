// SSCAN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

const scanReply = (cursor: string, ...items: string[]) => `*2\r\n${bulk(cursor)}${bulks(...items)}`;

describe('SSCAN', () => {
  it('replies with an intset whole, in ascending order, whatever the cursor', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', '3', '1', '2');
    expect(h.run('SSCAN', 's', '0')).toBe(scanReply('0', '1', '2', '3'));
    expect(h.run('SSCAN', 's', '5', 'COUNT', '1', 'MATCH', '[12]')).toBe(scanReply('0', '1', '2'));
    expect(h.run('SSCAN', 'nokey', '0', 'COUNT', '0')).toBe(scanReply('0'));
  });

  it('iterates a hashtable a batch at a time, every member once', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', ...Array.from({ length: 300 }, (_, i) => `m${i}`));
    const seen: string[] = [];
    let cursor = '0';
    do {
      const lines = h.run('SSCAN', 's', cursor, 'COUNT', '40').split('\r\n');
      cursor = lines[2]!;
      for (let i = 5; i < lines.length; i += 2)
        if (lines[i] !== undefined && lines[i] !== '') seen.push(lines[i]!);
    } while (cursor !== '0');
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
  });

  it("refuses what Redis refuses, in Redis's order", () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'a');
    h.run('SET', 'str', 'v');
    expect(h.run('SSCAN', 'str', 'x')).toBe(err('ERR invalid cursor'));
    expect(h.run('SSCAN', 'str', '0')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('SSCAN', 's', '0', 'COUNT', '0')).toBe(err('ERR syntax error'));
  });
});
