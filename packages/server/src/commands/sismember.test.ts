// SISMEMBER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('SISMEMBER', () => {
  it('replies 1 for a member, else 0', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'a', '');
    expect(h.run('SISMEMBER', 's', 'a')).toBe(int(1));
    expect(h.run('SISMEMBER', 's', '')).toBe(int(1));
    expect(h.run('SISMEMBER', 's', 'b')).toBe(int(0));
    expect(h.run('SISMEMBER', 'nokey', 'a')).toBe(int(0));
    h.run('SET', 'str', 'v');
    expect(h.run('SISMEMBER', 'str', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
