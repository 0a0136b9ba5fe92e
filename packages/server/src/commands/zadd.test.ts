// ZADD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZADD', () => {
  it('adds members, counts the new ones, and keeps score order', () => {
    const h = new CommandHarness();
    expect(h.run('ZADD', 'z', '2', 'b', '1', 'a', '2', 'a')).toBe(int(2));
    expect(h.run('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe(bulks('a', '2', 'b', '2'));
    expect(h.run('ZADD', 'z', 'CH', '3', 'a', '2', 'b', '1', 'c')).toBe(int(2));
    expect(h.run('TYPE', 'z')).toBe('+zset\r\n');
    expect(h.run('OBJECT', 'ENCODING', 'z')).toBe(bulk('listpack'));
  });

  it('follows NX, XX, GT, LT and INCR', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '5', 'a');
    expect(h.run('ZADD', 'z', 'NX', '1', 'a', '1', 'b')).toBe(int(1));
    expect(h.run('ZADD', 'z', 'XX', '1', 'c')).toBe(int(0));
    expect(h.run('ZADD', 'z', 'GT', 'CH', '4', 'a', '6', 'b')).toBe(int(1));
    expect(h.run('ZADD', 'z', 'LT', 'CH', '4', 'a')).toBe(int(1));
    expect(h.run('ZADD', 'z', 'INCR', '1.5', 'a')).toBe(bulk('5.5'));
    expect(h.run('ZADD', 'z', 'INCR', 'GT', '-1', 'a')).toBe(bulk(null));
    expect(h.run('ZADD', 'missing', 'XX', '1', 'a')).toBe(int(0));
    expect(h.run('EXISTS', 'missing')).toBe(int(0));
  });

  it('refuses what Redis refuses, changing nothing', () => {
    const h = new CommandHarness();
    expect(h.run('ZADD', 'z', '1', 'a', 'x', 'b')).toBe(err('ERR value is not a valid float'));
    expect(h.run('EXISTS', 'z')).toBe(int(0));
    expect(h.run('ZADD', 'z', 'nan', 'a')).toBe(err('ERR value is not a valid float'));
    expect(h.run('ZADD', 'z', 'NX', '1')).toBe(err('ERR syntax error'));
    expect(h.run('ZADD', 'z', 'NX', 'XX', '1', 'a')).toBe(
      err('ERR XX and NX options at the same time are not compatible'),
    );
    expect(h.run('ZADD', 'z', 'GT', 'LT', '1', 'a')).toBe(
      err('ERR GT, LT, and/or NX options at the same time are not compatible'),
    );
    expect(h.run('ZADD', 'z', 'INCR', '1', 'a', '1', 'b')).toBe(
      err('ERR INCR option supports a single increment-element pair'),
    );
    h.run('ZADD', 'z', 'inf', 'a');
    expect(h.run('ZADD', 'z', 'INCR', '-inf', 'a')).toBe(
      err('ERR resulting score is not a number (NaN)'),
    );
    h.run('SET', 's', 'v');
    expect(h.run('ZADD', 's', '1', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
