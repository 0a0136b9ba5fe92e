// RPUSH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('RPUSH', () => {
  it('pushes at the tail, creating the list', () => {
    const h = new CommandHarness();
    expect(h.run('RPUSH', 'l', 'a', 'b')).toBe(int(2));
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('a', 'b'));
  });
});
