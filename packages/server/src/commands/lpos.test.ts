// LPOS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('LPOS', () => {
  it('finds matches by rank, count and maxlen', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'a', 'c', 'a');
    expect(h.run('LPOS', 'l', 'a')).toBe(int(0));
    expect(h.run('LPOS', 'l', 'a', 'RANK', '2')).toBe(int(2));
    expect(h.run('LPOS', 'l', 'a', 'RANK', '-1')).toBe(int(4));
    expect(h.run('LPOS', 'l', 'a', 'COUNT', '0')).toBe('*3\r\n:0\r\n:2\r\n:4\r\n');
    expect(h.run('LPOS', 'l', 'a', 'RANK', '-1', 'COUNT', '2')).toBe('*2\r\n:4\r\n:2\r\n');
    expect(h.run('LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '2')).toBe('*1\r\n:0\r\n');
    expect(h.run('LPOS', 'l', 'zz')).toBe('$-1\r\n');
    expect(h.run('LPOS', 'nokey', 'a', 'COUNT', '1')).toBe('*0\r\n');
  });

  it("refuses bad options with Redis's texts", () => {
    const h = new CommandHarness();
    expect(h.run('LPOS', 'l', 'a', 'RANK', '0')).toMatch(/^-ERR RANK can't be zero/);
    expect(h.run('LPOS', 'l', 'a', 'COUNT', '-1')).toBe(err("ERR COUNT can't be negative"));
    expect(h.run('LPOS', 'l', 'a', 'MAXLEN', 'x')).toBe(err("ERR MAXLEN can't be negative"));
    expect(h.run('LPOS', 'l', 'a', 'COUNT')).toBe(err('ERR syntax error'));
  });
});
