// SRANDMEMBER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('SRANDMEMBER', () => {
  it('draws members without removing them', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', '2', '1');
    expect(h.run('SRANDMEMBER', 's', '5')).toBe(bulks('1', '2'));
    expect(h.run('SRANDMEMBER', 's', '-3').split('\r\n')[0]).toBe('*3');
    expect(h.run('SRANDMEMBER', 's', '0')).toBe('*0\r\n');
    expect(h.run('SRANDMEMBER', 'nokey')).toBe('$-1\r\n');
    expect(h.run('SRANDMEMBER', 'nokey', '3')).toBe('*0\r\n');
    expect(h.run('SCARD', 's')).toBe(':2\r\n');
  });

  it('draws distinct members for a positive count', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', ...Array.from({ length: 1000 }, (_, i) => `m${i}`));
    for (const count of [3, 500]) {
      const lines = h.run('SRANDMEMBER', 's', String(count)).split('\r\n');
      const members = lines.filter((_, i) => i > 0 && i % 2 === 0 && lines[i] !== '');
      expect(new Set(members).size).toBe(count);
    }
  });

  it('refuses what Redis refuses, and bounds a reply', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'a');
    expect(h.run('SRANDMEMBER', 's', 'x')).toBe(err('ERR value is not an integer or out of range'));
    expect(h.run('SRANDMEMBER', 's', '1', '2')).toBe(err('ERR syntax error'));
    expect(h.run('SRANDMEMBER', 's', '-1000000000')).toBe(err('ERR value is out of range'));
    h.run('SET', 'str', 'v');
    expect(h.run('SRANDMEMBER', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
