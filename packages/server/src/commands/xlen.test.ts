// XLEN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('XLEN', () => {
  it('counts live entries, 0 for an absent key', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'f', 'v');
    h.run('XADD', 's', '2-0', 'f', 'v');
    expect(h.run('XLEN', 's')).toBe(int(2));
    h.run('XDEL', 's', '1-0');
    expect(h.run('XLEN', 's')).toBe(int(1));
    expect(h.run('XLEN', 'missing')).toBe(int(0));
    h.run('SET', 'k', 'v');
    expect(h.run('XLEN', 'k')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
