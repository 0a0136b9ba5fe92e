// ZRANGEBYSCORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZRANGEBYSCORE', () => {
  it('replies with a score range, paged by LIMIT', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZRANGEBYSCORE', 'z', '2', '+inf', 'WITHSCORES')).toBe(bulks('b', '2', 'c', '3'));
    expect(h.run('ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '1', '1')).toBe(bulks('b'));
    expect(h.run('ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '-1', '1')).toBe('*0\r\n');
    expect(h.run('ZRANGEBYSCORE', 'z', '1', '2', 'BYLEX')).toBe(err('ERR syntax error'));
  });
});
