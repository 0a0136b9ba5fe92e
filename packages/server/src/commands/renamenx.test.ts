// RENAMENX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('RENAMENX', () => {
  it('renames only onto a missing key, replying 1 or 0', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', '1', 'b', '2');
    expect(h.run('RENAMENX', 'a', 'b')).toBe(int(0));
    expect(h.run('GET', 'b')).toBe(bulk('2'));
    expect(h.run('RENAMENX', 'a', 'c')).toBe(int(1));
    expect(h.run('GET', 'c')).toBe(bulk('1'));
  });

  it('replies 0 for a key renamed to itself and no such key for a missing source', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('RENAMENX', 'k', 'k')).toBe(int(0));
    expect(h.run('RENAMENX', 'missing', 'x')).toBe(err('ERR no such key'));
  });
});
