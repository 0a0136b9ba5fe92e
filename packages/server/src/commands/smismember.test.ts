// SMISMEMBER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';

describe('SMISMEMBER', () => {
  it('replies 1 or 0 for each member asked, in order', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'a', 'c');
    expect(h.run('SMISMEMBER', 's', 'a', 'b', 'c')).toBe('*3\r\n:1\r\n:0\r\n:1\r\n');
    expect(h.run('SMISMEMBER', 'nokey', 'a')).toBe('*1\r\n:0\r\n');
    h.run('SET', 'str', 'v');
    expect(h.run('SMISMEMBER', 'str', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
