// ZREM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('ZREM', () => {
  it('removes members, deleting the key with the last', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b');
    expect(h.run('ZREM', 'z', 'a', 'nope')).toBe(int(1));
    expect(h.run('ZREM', 'z', 'b')).toBe(int(1));
    expect(h.run('EXISTS', 'z')).toBe(int(0));
    expect(h.run('ZREM', 'missing', 'a')).toBe(int(0));
  });
});
