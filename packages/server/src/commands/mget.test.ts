// MGET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('MGET', () => {
  it('replies with every value in order, null for missing or expired keys', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    h.run('SET', 'c', '3');
    h.run('SET', 'gone', 'x', 'PX', '5');
    h.advance(5);
    expect(h.run('MGET', 'a', 'b', 'c', 'gone', 'a')).toBe(bulks('1', null, '3', null, '1'));
  });

  it('needs at least one key', () => {
    expect(new CommandHarness().run('MGET')).toBe(
      err("ERR wrong number of arguments for 'mget' command"),
    );
  });
});
