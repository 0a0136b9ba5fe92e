// DEL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('DEL', () => {
  it('deletes the given keys and replies with how many existed', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', '1', 'b', '2');
    expect(h.run('DEL', 'a', 'missing', 'b', 'a')).toBe(int(2));
    expect(h.run('DBSIZE')).toBe(int(0));
  });

  it('does not count an expired key', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1', 'PX', '1');
    h.advance(1);
    expect(h.run('DEL', 'a')).toBe(int(0));
  });

  it('needs at least one key', () => {
    expect(new CommandHarness().run('DEL')).toBe(
      err("ERR wrong number of arguments for 'del' command"),
    );
  });
});
