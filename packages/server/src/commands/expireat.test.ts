// EXPIREAT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('EXPIREAT', () => {
  it('sets a deadline as a Unix time in seconds', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('EXPIREAT', 'k', String(h.now / 1000 + 60))).toBe(int(1));
    expect(h.run('TTL', 'k')).toBe(int(60));
    expect(h.run('EXPIREAT', 'missing', '1')).toBe(int(0));
  });

  it('deletes the key for a time in the past', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('EXPIREAT', 'k', '1')).toBe(int(1));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('honours NX', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'EX', '5');
    expect(h.run('EXPIREAT', 'k', String(h.now / 1000 + 60), 'NX')).toBe(int(0));
    expect(h.run('TTL', 'k')).toBe(int(5));
  });
});
