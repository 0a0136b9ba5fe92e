// MSET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('MSET', () => {
  it('sets every pair, the last one winning for a repeated key', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', 'old', 'EX', '100');
    expect(h.run('MSET', 'a', '1', 'b', '2', 'a', '3')).toBe(OK);
    expect(h.run('MGET', 'a', 'b')).toBe(bulks('3', '2'));
    expect(h.run('TTL', 'a')).toBe(int(-1));
  });

  it('rejects an odd number of arguments and sets nothing', () => {
    const h = new CommandHarness();
    expect(h.run('MSET', 'a', '1', 'b')).toBe(
      err("ERR wrong number of arguments for 'mset' command"),
    );
    expect(h.run('EXISTS', 'a')).toBe(int(0));
  });
});
