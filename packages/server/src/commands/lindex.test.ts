// LINDEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('LINDEX', () => {
  it('replies with the element at an index, from either end', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(h.run('LINDEX', 'l', '1')).toBe(bulk('b'));
    expect(h.run('LINDEX', 'l', '-1')).toBe(bulk('c'));
    expect(h.run('LINDEX', 'l', '3')).toBe('$-1\r\n');
    expect(h.run('LINDEX', 'l', '-4')).toBe('$-1\r\n');
    expect(h.run('LINDEX', 'l', 'x')).toBe(err('ERR value is not an integer or out of range'));
    // The key is looked up first: no list, no index error.
    expect(h.run('LINDEX', 'nokey', 'x')).toBe('$-1\r\n');
  });
});
