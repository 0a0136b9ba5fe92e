// SREM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('SREM', () => {
  it('counts the members removed and deletes the key with the last', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'a', 'b');
    expect(h.run('SREM', 's', 'a', 'zz', 'a')).toBe(int(1));
    expect(h.run('SREM', 's', 'b')).toBe(int(1));
    expect(h.run('EXISTS', 's')).toBe(int(0));
    expect(h.run('SREM', 'nokey', 'a')).toBe(int(0));
    h.run('SET', 'str', 'v');
    expect(h.run('SREM', 'str', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
