// DECR: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('DECR', () => {
  it('starts a missing key at 0 and replies with the new value', () => {
    const h = new CommandHarness();
    expect(h.run('DECR', 'n')).toBe(int(-1));
    h.run('SET', 'm', '10');
    expect(h.run('DECR', 'm')).toBe(int(9));
  });

  it('refuses to go below the signed 64-bit minimum', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '-9223372036854775808');
    expect(h.run('DECR', 'n')).toBe(err('ERR increment or decrement would overflow'));
  });
});
