// HDEL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('HDEL', () => {
  it('counts the fields deleted, each once', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    expect(h.run('HDEL', 'h', 'a', 'zz', 'a')).toBe(int(1));
    expect(h.run('HGETALL', 'h')).toBe(bulks('b', '2', 'c', '3'));
    expect(h.run('HDEL', 'nokey', 'a')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HDEL', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('deletes the key with its last field', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(h.run('HDEL', 'h', 'a', 'b', 'c')).toBe(int(2));
    expect(h.run('EXISTS', 'h')).toBe(int(0));
    expect(h.run('TYPE', 'h')).toBe('+none\r\n');
  });
});
