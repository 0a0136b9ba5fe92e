// HMSET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, OK } from '../../test/command-harness.js';

describe('HMSET', () => {
  it('sets fields and replies OK', () => {
    const h = new CommandHarness();
    expect(h.run('HMSET', 'h', 'a', '1', 'b', '2')).toBe(OK);
    expect(h.run('HMSET', 'h', 'a', '3')).toBe(OK);
    expect(h.run('HGETALL', 'h')).toBe(bulks('a', '3', 'b', '2'));
    expect(h.run('HMSET', 'h', 'a')).toBe(err("ERR wrong number of arguments for 'hmset' command"));
  });
});
