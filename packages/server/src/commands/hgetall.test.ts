// HGETALL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('HGETALL', () => {
  it('replies with fields and values in insertion order, an updated field in its place', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'b', '1', 'a', '2', 'c', '3');
    h.run('HSET', 'h', 'b', '9');
    h.run('HDEL', 'h', 'a');
    h.run('HSET', 'h', 'a', '4');
    expect(h.run('HGETALL', 'h')).toBe(bulks('b', '9', 'c', '3', 'a', '4'));
    expect(h.run('HGETALL', 'nokey')).toBe('*0\r\n');
    h.run('SET', 's', 'v');
    expect(h.run('HGETALL', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('replies with a map in RESP3', () => {
    const h = new CommandHarness();
    const client = h.connect();
    client.run('HELLO', '3');
    client.run('HSET', 'h', 'a', '1');
    expect(client.run('HGETALL', 'h')).toBe(`%1\r\n${bulk('a')}${bulk('1')}`);
    expect(client.run('HGETALL', 'nokey')).toBe('%0\r\n');
  });
});
