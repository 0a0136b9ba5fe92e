// GETSET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('GETSET', () => {
  it('replies with the old value (null when missing) and stores the new one', () => {
    const h = new CommandHarness();
    expect(h.run('GETSET', 'k', 'one')).toBe('$-1\r\n');
    expect(h.run('GETSET', 'k', 'two')).toBe(bulk('one'));
    expect(h.run('GET', 'k')).toBe(bulk('two'));
  });

  it('clears the deadline of the key it replaces', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'EX', '100');
    h.run('GETSET', 'k', 'w');
    expect(h.run('TTL', 'k')).toBe(int(-1));
  });
});
