// ZRANK: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('ZRANK', () => {
  it('ranks from the lowest score, ties by member', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'c', '2', 'b');
    expect(h.run('ZRANK', 'z', 'a')).toBe(int(0));
    expect(h.run('ZRANK', 'z', 'b')).toBe(int(1));
    expect(h.run('ZRANK', 'z', 'c')).toBe(int(2));
    expect(h.run('ZRANK', 'z', 'nope')).toBe(bulk(null));
    expect(h.run('ZRANK', 'missing', 'a')).toBe(bulk(null));
  });
});
