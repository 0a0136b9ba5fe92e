// RANDOMKEY: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness } from '../../test/command-harness.js';

describe('RANDOMKEY', () => {
  it('replies null for an empty database', () => {
    expect(new CommandHarness().run('RANDOMKEY')).toBe('$-1\r\n');
  });

  it('replies with one of the live keys, reaching each of them', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', '1', 'b', '2', 'c', '3');
    h.run('SET', 'gone', 'x', 'PX', '1');
    h.advance(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(h.run('RANDOMKEY'));
    expect([...seen].sort()).toEqual([bulk('a'), bulk('b'), bulk('c')]);
  });
});
