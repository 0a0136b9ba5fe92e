// STRLEN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('STRLEN', () => {
  it('replies with the length in bytes, 0 for a missing key', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'héllo');
    expect(h.run('STRLEN', 'k')).toBe(int(6));
    expect(h.run('STRLEN', 'missing')).toBe(int(0));
  });
});
