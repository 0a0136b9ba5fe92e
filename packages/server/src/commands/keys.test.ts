// KEYS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness } from '../../test/command-harness.js';

describe('KEYS', () => {
  it('replies with the live keys matching a glob pattern', () => {
    const h = new CommandHarness();
    h.run('MSET', 'user:1', 'a', 'user:2', 'b', 'session:1', 'c', 'user:10', 'd');
    h.run('SET', 'user:3', 'gone', 'PX', '1');
    h.advance(1);
    expect(h.run('KEYS', 'user:?')).toBe(bulks('user:1', 'user:2'));
    expect(h.run('KEYS', 'user:*')).toBe(bulks('user:1', 'user:2', 'user:10'));
    expect(h.run('KEYS', '*:[12]')).toBe(bulks('user:1', 'user:2', 'session:1'));
    expect(h.run('KEYS', 'nothing*')).toBe('*0\r\n');
  });
});
