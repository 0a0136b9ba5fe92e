// SCARD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('SCARD', () => {
  it('counts the members', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'a', 'b', 'a');
    expect(h.run('SCARD', 's')).toBe(int(2));
    expect(h.run('SCARD', 'nokey')).toBe(int(0));
    h.run('SET', 'str', 'v');
    expect(h.run('SCARD', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
