// PEXPIREAT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('PEXPIREAT', () => {
  it('sets a deadline as a Unix time in milliseconds', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('PEXPIREAT', 'k', String(h.now + 2500))).toBe(int(1));
    expect(h.run('PTTL', 'k')).toBe(int(2500));
    expect(h.run('PEXPIRETIME', 'k')).toBe(int(h.now + 2500));
  });

  it('honours GT against an existing deadline', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '1000');
    expect(h.run('PEXPIREAT', 'k', String(h.now + 500), 'GT')).toBe(int(0));
    expect(h.run('PEXPIREAT', 'k', String(h.now + 5000), 'GT')).toBe(int(1));
    expect(h.run('PTTL', 'k')).toBe(int(5000));
  });
});
