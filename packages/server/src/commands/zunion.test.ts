// ZUNION: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZUNION', () => {
  it('sums weighted scores across sorted and plain sets, in score order', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'a', '1', 'x', '2', 'y');
    h.run('ZADD', 'b', '10', 'y', '20', 'z');
    h.run('SADD', 's', 'x');
    expect(h.run('ZUNION', '3', 'a', 'b', 's', 'WITHSCORES')).toBe(
      bulks('x', '2', 'y', '12', 'z', '20'),
    );
    expect(h.run('ZUNION', '2', 'a', 'b', 'WEIGHTS', '2', '0.5', 'AGGREGATE', 'MAX')).toBe(
      bulks('x', 'y', 'z'),
    );
    expect(h.run('ZUNION', '0', 'a')).toBe(
      err("ERR at least 1 input key is needed for 'zunion' command"),
    );
    expect(h.run('ZUNION', '3', 'a', 'b')).toBe(err('ERR syntax error'));
    expect(h.run('ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', 'x')).toBe(
      err('ERR weight value is not a float'),
    );
  });
});
