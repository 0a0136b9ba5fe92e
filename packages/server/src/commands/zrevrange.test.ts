// ZREVRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZREVRANGE', () => {
  it('ranks from the highest score', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZREVRANGE', 'z', '0', '1', 'WITHSCORES')).toBe(bulks('c', '3', 'b', '2'));
    expect(h.run('ZREVRANGE', 'z', '0', '1', 'REV')).toBe(err('ERR syntax error'));
  });
});
