// GETDEL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('GETDEL', () => {
  it('replies with the value and deletes the key', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('GETDEL', 'k')).toBe(bulk('v'));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
    expect(h.run('GETDEL', 'k')).toBe('$-1\r\n');
  });
});
