// PEXPIRETIME: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('PEXPIRETIME', () => {
  it('replies with the deadline as Unix milliseconds, -1 without, -2 when missing', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '1234');
    expect(h.run('PEXPIRETIME', 'k')).toBe(int(h.now + 1234));
    h.run('SET', 'p', 'v');
    expect(h.run('PEXPIRETIME', 'p')).toBe(int(-1));
    expect(h.run('PEXPIRETIME', 'missing')).toBe(int(-2));
  });

  it('replies with a valid 64-bit integer for the largest deadline Redis allows', () => {
    const h = new CommandHarness();
    // 2^63 - 1 ms is 2^63 as a JavaScript number: printed as it is, the
    // reply was ':9223372036854776000', which redis-cli refuses.
    h.run('SET', 'k', 'v', 'PXAT', '9223372036854775807');
    expect(h.run('PEXPIRETIME', 'k')).toBe(':9223372036854775807\r\n');
    expect(h.run('EXPIRETIME', 'k')).toBe(':9223372036854776\r\n');
  });
});
