// ZCARD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZCARD', () => {
  it('counts members, 0 for an absent key', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b');
    expect(h.run('ZCARD', 'z')).toBe(int(2));
    expect(h.run('ZCARD', 'missing')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('ZCARD', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
