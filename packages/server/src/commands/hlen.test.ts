// HLEN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('HLEN', () => {
  it('counts the fields', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(h.run('HLEN', 'h')).toBe(int(2));
    expect(h.run('HLEN', 'nokey')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HLEN', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
