// EXPIRETIME: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('EXPIRETIME', () => {
  it('replies with the deadline as Unix seconds, -1 without, -2 when missing', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'EX', '100');
    expect(h.run('EXPIRETIME', 'k')).toBe(int(h.now / 1000 + 100));
    h.run('SET', 'p', 'v');
    expect(h.run('EXPIRETIME', 'p')).toBe(int(-1));
    expect(h.run('EXPIRETIME', 'missing')).toBe(int(-2));
  });
});
