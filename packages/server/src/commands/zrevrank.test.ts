// ZREVRANK: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('ZREVRANK', () => {
  it('ranks from the highest score, ties by member', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'c', '2', 'b');
    expect(h.run('ZREVRANK', 'z', 'a')).toBe(int(2));
    expect(h.run('ZREVRANK', 'z', 'b')).toBe(int(1));
    expect(h.run('ZREVRANK', 'z', 'c')).toBe(int(0));
    expect(h.run('ZREVRANK', 'z', 'nope')).toBe(bulk(null));
    expect(h.run('ZREVRANK', 'missing', 'a')).toBe(bulk(null));
  });
});
