// ZINTERCARD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZINTERCARD', () => {
  it('counts the intersection, up to LIMIT', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'a', '1', 'x', '2', 'y', '3', 'z');
    h.run('SADD', 'b', 'x', 'y', 'z');
    expect(h.run('ZINTERCARD', '2', 'a', 'b')).toBe(int(3));
    expect(h.run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '2')).toBe(int(2));
    expect(h.run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '-1')).toBe(
      err("ERR LIMIT can't be negative"),
    );
    expect(h.run('ZINTERCARD', '0', 'a')).toBe(
      err("ERR at least 1 input key is needed for 'zintercard' command"),
    );
  });
});
