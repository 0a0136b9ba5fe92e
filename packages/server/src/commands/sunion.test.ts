// SUNION: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('SUNION', () => {
  it('replies with every member of any set, integers in ascending order', () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', '3', '1');
    h.run('SADD', 'b', '2', '1');
    expect(h.run('SUNION', 'a', 'nokey', 'b')).toBe(bulks('1', '2', '3'));
    h.run('SADD', 'w', 'x');
    expect(h.run('SUNION', 'w', 'a')).toBe(bulks('x', '1', '3'));
    h.run('SET', 'str', 'v');
    expect(h.run('SUNION', 'a', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
