// HVALS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('HVALS', () => {
  it('replies with the values in order', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'b', '1', 'a', '2');
    expect(h.run('HVALS', 'h')).toBe(bulks('1', '2'));
    expect(h.run('HVALS', 'nokey')).toBe('*0\r\n');
    h.run('SET', 's', 'v');
    expect(h.run('HVALS', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
