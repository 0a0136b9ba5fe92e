// ZRANGESTORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZRANGESTORE', () => {
  it('stores a range with its scores, and deletes the destination for an empty one', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZRANGESTORE', 'd', 'z', '(1', '+inf', 'BYSCORE')).toBe(int(2));
    expect(h.run('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toBe(bulks('b', '2', 'c', '3'));
    expect(h.run('ZRANGESTORE', 'd', 'z', '5', '9')).toBe(int(0));
    expect(h.run('EXISTS', 'd')).toBe(int(0));
    expect(h.run('ZRANGESTORE', 'd', 'z', '0', '1', 'WITHSCORES')).toBe(err('ERR syntax error'));
  });
});
