// LINSERT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('LINSERT', () => {
  it('inserts before or after the first pivot', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'a');
    expect(h.run('LINSERT', 'l', 'BEFORE', 'a', 'x')).toBe(int(4));
    expect(h.run('LINSERT', 'l', 'after', 'b', 'y')).toBe(int(5));
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('x', 'a', 'b', 'y', 'a'));
    expect(h.run('LINSERT', 'l', 'AFTER', 'zz', 'y')).toBe(int(-1));
    expect(h.run('LINSERT', 'nokey', 'AFTER', 'a', 'y')).toBe(int(0));
    expect(h.run('LINSERT', 'l', 'MIDDLE', 'a', 'y')).toBe(err('ERR syntax error'));
  });
});
