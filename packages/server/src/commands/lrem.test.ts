// LREM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('LREM', () => {
  it('removes from the head, the tail, or everywhere', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'a', 'c', 'a');
    expect(h.run('LREM', 'l', '1', 'a')).toBe(int(1));
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('b', 'a', 'c', 'a'));
    expect(h.run('LREM', 'l', '-1', 'a')).toBe(int(1));
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('b', 'a', 'c'));
    expect(h.run('LREM', 'l', '0', 'zz')).toBe(int(0));
    expect(h.run('LREM', 'l', '0', 'a')).toBe(int(1));
    expect(h.run('LREM', 'nokey', '0', 'a')).toBe(int(0));
    h.run('RPUSH', 'one', 'x', 'x');
    expect(h.run('LREM', 'one', '0', 'x')).toBe(int(2));
    expect(h.run('EXISTS', 'one')).toBe(int(0));
  });
});
