// ZSCAN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZSCAN', () => {
  it('sends a listpack whole, and walks a skiplist by cursor', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '2', 'b', '1.5', 'a');
    expect(h.run('ZSCAN', 'z', '7', 'COUNT', '1')).toBe(
      '*2\r\n$1\r\n0\r\n' + bulks('a', '1.5', 'b', '2'),
    );
    expect(h.run('ZSCAN', 'z', '0', 'MATCH', 'b*')).toBe('*2\r\n$1\r\n0\r\n' + bulks('b', '2'));
    const members = Array.from({ length: 200 }, (_, i) => [String(i), `m${i}`]).flat();
    h.run('ZADD', 'big', ...members);
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const reply = h.run('ZSCAN', 'big', cursor, 'COUNT', '50');
      const [next, ...rest] = reply.split('\r\n').filter((line) => !/^[*$]/.test(line));
      cursor = next!;
      for (let i = 0; i + 1 < rest.length; i += 2) seen.add(`${rest[i]}=${rest[i + 1]}`);
    } while (cursor !== '0');
    expect(seen.size).toBe(200);
    expect(seen.has('m7=7')).toBe(true);
    expect(h.run('ZSCAN', 'z', 'x')).toBe(err('ERR invalid cursor'));
  });
});
