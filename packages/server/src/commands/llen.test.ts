// LLEN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('LLEN', () => {
  it('replies with the length, 0 for an absent key', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b');
    expect(h.run('LLEN', 'l')).toBe(int(2));
    expect(h.run('LLEN', 'nokey')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('LLEN', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
