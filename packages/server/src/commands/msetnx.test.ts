// MSETNX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('MSETNX', () => {
  it('sets every pair when no key exists and replies 1', () => {
    const h = new CommandHarness();
    expect(h.run('MSETNX', 'a', '1', 'b', '2')).toBe(int(1));
    expect(h.run('MGET', 'a', 'b')).toBe(bulks('1', '2'));
  });

  it('sets nothing and replies 0 when any key exists', () => {
    const h = new CommandHarness();
    h.run('SET', 'b', 'kept');
    expect(h.run('MSETNX', 'a', '1', 'b', '2')).toBe(int(0));
    expect(h.run('MGET', 'a', 'b')).toBe(bulks(null, 'kept'));
  });

  it('rejects an odd number of arguments', () => {
    expect(new CommandHarness().run('MSETNX', 'a', '1', 'b')).toBe(
      err("ERR wrong number of arguments for 'msetnx' command"),
    );
  });
});
