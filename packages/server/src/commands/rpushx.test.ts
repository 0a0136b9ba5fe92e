// RPUSHX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('RPUSHX', () => {
  it('pushes only onto an existing list', () => {
    const h = new CommandHarness();
    expect(h.run('RPUSHX', 'l', 'a')).toBe(int(0));
    expect(h.run('EXISTS', 'l')).toBe(int(0));
    h.run('RPUSH', 'l', 'x');
    expect(h.run('RPUSHX', 'l', 'a', 'b')).toBe(int(3));
  });
});
