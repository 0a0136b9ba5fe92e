// PERSIST: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('PERSIST', () => {
  it('removes the deadline and replies 1, or 0 when there was none', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'EX', '10');
    expect(h.run('PERSIST', 'k')).toBe(int(1));
    expect(h.run('TTL', 'k')).toBe(int(-1));
    expect(h.run('PERSIST', 'k')).toBe(int(0));
    expect(h.run('PERSIST', 'missing')).toBe(int(0));
    h.advance(20_000);
    expect(h.run('EXISTS', 'k')).toBe(int(1));
  });
});
