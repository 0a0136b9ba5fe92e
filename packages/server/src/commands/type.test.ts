// TYPE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness } from '../../test/command-harness.js';

describe('TYPE', () => {
  it('replies string for a key and none for a missing one', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('TYPE', 'k')).toBe('+string\r\n');
    expect(h.run('TYPE', 'nope')).toBe('+none\r\n');
  });
});
