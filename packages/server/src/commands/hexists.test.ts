// HEXISTS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('HEXISTS', () => {
  it('replies 1 for a field that exists, else 0', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '');
    expect(h.run('HEXISTS', 'h', 'a')).toBe(int(1));
    expect(h.run('HEXISTS', 'h', 'b')).toBe(int(0));
    expect(h.run('HEXISTS', 'nokey', 'a')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HEXISTS', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
