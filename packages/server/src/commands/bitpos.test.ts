// BITPOS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('BITPOS', () => {
  it('finds the first set or clear bit, in bytes or bits', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', Buffer.from([0xff, 0xf0, 0x00]));
    expect(h.run('BITPOS', 'k', '0')).toBe(int(12));
    expect(h.run('BITPOS', 'k', '1', '2')).toBe(int(-1));
    expect(h.run('BITPOS', 'k', '1', '7', '15', 'BIT')).toBe(int(7));
    expect(h.run('BITPOS', 'k', '0', '0', '11', 'BIT')).toBe(int(-1));
  });

  it('treats the bytes after the string as clear unless an end was given', () => {
    const h = new CommandHarness();
    h.run('SET', 'ones', Buffer.from([0xff, 0xff]));
    expect(h.run('BITPOS', 'ones', '0')).toBe(int(16));
    expect(h.run('BITPOS', 'ones', '0', '1')).toBe(int(16));
    expect(h.run('BITPOS', 'ones', '0', '0', '-1')).toBe(int(-1));
    expect(h.run('BITPOS', 'none', '0')).toBe(int(0));
    expect(h.run('BITPOS', 'none', '1')).toBe(int(-1));
  });

  it('checks the bit first, then the key, then the range', () => {
    const h = new CommandHarness();
    expect(h.run('BITPOS', 'none', '2')).toBe(err('ERR The bit argument must be 1 or 0.'));
    expect(h.run('BITPOS', 'none', '1', 'x')).toBe(int(-1));
    h.run('SET', 'k', 'a');
    expect(h.run('BITPOS', 'k', '1', '0', 'x', 'FOO')).toBe(err('ERR syntax error'));
  });
});
