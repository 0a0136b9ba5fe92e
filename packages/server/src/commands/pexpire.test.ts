// PEXPIRE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('PEXPIRE', () => {
  it('sets a deadline in milliseconds', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('PEXPIRE', 'k', '1500')).toBe(int(1));
    expect(h.run('PTTL', 'k')).toBe(int(1500));
    h.advance(1500);
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('applies LT to an existing deadline', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '1000');
    expect(h.run('PEXPIRE', 'k', '2000', 'LT')).toBe(int(0));
    expect(h.run('PEXPIRE', 'k', '500', 'LT')).toBe(int(1));
    expect(h.run('PTTL', 'k')).toBe(int(500));
  });

  it('rejects a time that overflows', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('PEXPIRE', 'k', '9223372036854775807')).toBe(
      err("ERR invalid expire time in 'pexpire' command"),
    );
  });
});
