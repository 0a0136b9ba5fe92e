// LSET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, OK } from '../../test/command-harness.js';

describe('LSET', () => {
  it('replaces an element, or refuses an index out of range or an absent key', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b');
    expect(h.run('LSET', 'l', '-1', 'z')).toBe(OK);
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('a', 'z'));
    expect(h.run('LSET', 'l', '2', 'x')).toBe(err('ERR index out of range'));
    expect(h.run('LSET', 'nokey', '0', 'x')).toBe(err('ERR no such key'));
  });
});
