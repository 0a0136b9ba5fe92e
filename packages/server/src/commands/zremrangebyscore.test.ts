// ZREMRANGEBYSCORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('ZREMRANGEBYSCORE', () => {
  it('removes the members in a score range', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZREMRANGEBYSCORE', 'z', '(1', '2')).toBe(int(1));
    expect(h.run('ZRANGE', 'z', '0', '-1')).toBe(bulks('a', 'c'));
    expect(h.run('ZREMRANGEBYSCORE', 'z', '-inf', '+inf')).toBe(int(2));
    expect(h.run('EXISTS', 'z')).toBe(int(0));
  });
});
