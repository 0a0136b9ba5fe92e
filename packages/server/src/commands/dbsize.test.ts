// DBSIZE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('DBSIZE', () => {
  it('counts the keys of the selected database only', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', '1', 'b', '2');
    expect(h.run('DBSIZE')).toBe(int(2));
    h.run('SELECT', '3');
    expect(h.run('DBSIZE')).toBe(int(0));
  });
});
