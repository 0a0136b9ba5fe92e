// SINTER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('SINTER', () => {
  it('replies with the common members, in the smallest set’s order', () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', 'x', 'y', 'z', 'w');
    h.run('SADD', 'b', 'z', 'y', 'q');
    expect(h.run('SINTER', 'a', 'b')).toBe(bulks('z', 'y'));
    expect(h.run('SINTER', 'a', 'nokey')).toBe('*0\r\n');
    h.run('SADD', 'n1', '5', '1', '3');
    h.run('SADD', 'n2', '3', '5', '9', '1');
    expect(h.run('SINTER', 'n2', 'n1')).toBe(bulks('1', '3', '5'));
  });

  it('checks every key’s type, also past an absent one', () => {
    const h = new CommandHarness();
    h.run('SET', 'str', 'v');
    h.run('SADD', 'a', 'x');
    expect(h.run('SINTER', 'nokey', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('SINTER', 'a', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
