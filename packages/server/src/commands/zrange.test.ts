// ZRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZRANGE', () => {
  it('replies with ranks, scores and members, either way, with LIMIT and WITHSCORES', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd');
    expect(h.run('ZRANGE', 'z', '1', '-2')).toBe(bulks('b', 'c'));
    expect(h.run('ZRANGE', 'z', '0', '0', 'REV', 'WITHSCORES')).toBe(bulks('d', '4'));
    expect(h.run('ZRANGE', 'z', '(1', '3', 'BYSCORE', 'LIMIT', '1', '5')).toBe(bulks('c'));
    expect(h.run('ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '0', '2')).toBe(
      bulks('d', 'c'),
    );
    expect(h.run('ZRANGE', 'z', '[b', '(d', 'BYLEX')).toBe(bulks('b', 'c'));
    expect(h.run('ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1')).toBe(
      err('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'),
    );
    expect(h.run('ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES')).toBe(
      err('ERR syntax error, WITHSCORES not supported in combination with BYLEX'),
    );
    expect(h.run('ZRANGE', 'z', 'x', '1', 'BYSCORE')).toBe(err('ERR min or max is not a float'));
    expect(h.run('ZRANGE', 'missing', '0', '-1')).toBe('*0\r\n');
  });

  it('sends [member, score] pairs in RESP3', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2.5', 'b');
    h.client.run('HELLO', '3');
    expect(h.run('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe(
      '*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n',
    );
  });
});
