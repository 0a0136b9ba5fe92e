// SPOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('SPOP', () => {
  it('pops one member, deleting the key with the last', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'only');
    expect(h.run('SPOP', 's')).toBe('$4\r\nonly\r\n');
    expect(h.run('EXISTS', 's')).toBe(int(0));
    expect(h.run('SPOP', 's')).toBe('$-1\r\n');
  });

  it('pops distinct members for a count, the whole set in its order when as large', () => {
    const h = new CommandHarness();
    const members = Array.from({ length: 100 }, (_, i) => String(i));
    h.run('SADD', 's', ...members);
    const popped = h
      .run('SPOP', 's', '30')
      .split('\r\n')
      .filter((_, i) => i > 0 && i % 2 === 0);
    expect(new Set(popped).size).toBe(30);
    expect(h.run('SCARD', 's')).toBe(int(70));
    for (const member of popped) expect(h.run('SISMEMBER', 's', member)).toBe(int(0));
    h.run('DEL', 's');
    h.run('SADD', 's', '3', '1', '2');
    expect(h.run('SPOP', 's', '10')).toBe(bulks('1', '2', '3'));
    expect(h.run('EXISTS', 's')).toBe(int(0));
    expect(h.run('SPOP', 's', '0')).toBe('*0\r\n');
  });

  it("refuses what Redis refuses, in Redis's order", () => {
    const h = new CommandHarness();
    h.run('SET', 'str', 'v');
    expect(h.run('SPOP', 'str', '-1')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('SPOP', 'str', 'x')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('SPOP', 'str', '1', 'x')).toBe(err('ERR syntax error'));
    expect(h.run('SPOP', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
