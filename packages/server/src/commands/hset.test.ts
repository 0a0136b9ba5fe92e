// HSET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('HSET', () => {
  it('creates the hash and counts the new fields only', () => {
    const h = new CommandHarness();
    expect(h.run('HSET', 'h', 'a', '1', 'b', '2')).toBe(int(2));
    expect(h.run('HSET', 'h', 'a', '10', 'c', '3', 'c', '4')).toBe(int(1));
    expect(h.run('HGETALL', 'h')).toBe(bulks('a', '10', 'b', '2', 'c', '4'));
    expect(h.run('TYPE', 'h')).toBe('+hash\r\n');
  });

  it('refuses an odd number of arguments and a key of another type', () => {
    const h = new CommandHarness();
    expect(h.run('HSET', 'h', 'a', '1', 'b')).toBe(
      err("ERR wrong number of arguments for 'hset' command"),
    );
    expect(h.run('EXISTS', 'h')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HSET', 's', 'a', '1')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('GET', 's')).toBe(bulk('v'));
  });
});
