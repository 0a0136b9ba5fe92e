// BITCOUNT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('BITCOUNT', () => {
  it('counts set bits in the whole string, a byte range or a bit range', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'foobar');
    expect(h.run('BITCOUNT', 'k')).toBe(int(26));
    expect(h.run('BITCOUNT', 'k', '0', '0')).toBe(int(4));
    expect(h.run('BITCOUNT', 'k', '1', '1')).toBe(int(6));
    expect(h.run('BITCOUNT', 'k', '-2', '-1', 'BYTE')).toBe(int(7));
    expect(h.run('BITCOUNT', 'k', '5', '30', 'BIT')).toBe(int(17));
  });

  it('answers a missing key with 0 before reading any argument, as Redis does', () => {
    const h = new CommandHarness();
    expect(h.run('BITCOUNT', 'none', 'x', 'y')).toBe(int(0));
    h.run('SET', 'k', 'a');
    expect(h.run('BITCOUNT', 'k', '1')).toBe(err('ERR syntax error'));
    expect(h.run('BITCOUNT', 'k', '-1', '-2', 'FOO')).toBe(int(0));
    expect(h.run('BITCOUNT', 'k', '0', '-1', 'FOO')).toBe(err('ERR syntax error'));
  });
});
