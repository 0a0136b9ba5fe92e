// HMGET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('HMGET', () => {
  it('replies with each value in the order asked, nulls for the absent ones', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(h.run('HMGET', 'h', 'b', 'zz', 'a')).toBe(bulks('2', null, '1'));
    expect(h.run('HMGET', 'nokey', 'a', 'b')).toBe(bulks(null, null));
    h.run('SET', 's', 'v');
    expect(h.run('HMGET', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
