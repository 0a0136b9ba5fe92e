// ZUNIONSTORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZUNIONSTORE', () => {
  it('stores the result, replacing the destination, or deletes it when empty', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'a', '1', 'x', '2', 'y');
    h.run('ZADD', 'b', '10', 'y', '20', 'z');
    h.run('SET', 'd', 'old');
    expect(h.run('ZUNIONSTORE', 'd', '2', 'a', 'b')).toBe(int(3));
    expect(h.run('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toBe(
      bulks('x', '1', 'y', '12', 'z', '20'),
    );
    expect(h.run('OBJECT', 'ENCODING', 'd')).toBe(bulk('listpack'));
    expect(h.run('ZUNIONSTORE', 'd', '1', 'missing')).toBe(int(0));
    expect(h.run('EXISTS', 'd')).toBe(int(0));
    expect(h.run('ZUNIONSTORE', 'd', '1', 'a', 'WITHSCORES')).toBe(err('ERR syntax error'));
  });
});
