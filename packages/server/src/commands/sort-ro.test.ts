// SORT_RO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('SORT_RO', () => {
  it('sorts as SORT does, and refuses STORE', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'b', 'c', 'a');
    expect(h.run('SORT_RO', 'l', 'ALPHA')).toBe(bulks('a', 'b', 'c'));
    expect(h.run('SORT_RO', 'l', 'ALPHA', 'STORE', 'dst')).toBe(err('ERR syntax error'));
  });
});
