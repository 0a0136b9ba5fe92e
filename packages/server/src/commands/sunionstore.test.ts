// SUNIONSTORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('SUNIONSTORE', () => {
  it('stores the union, or deletes the destination when it is empty', () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', 'x');
    h.run('SADD', 'b', 'y');
    expect(h.run('SUNIONSTORE', 'dst', 'a', 'b')).toBe(int(2));
    expect(h.run('SMEMBERS', 'dst')).toBe(bulks('x', 'y'));
    expect(h.run('SUNIONSTORE', 'dst', 'nokey')).toBe(int(0));
    expect(h.run('EXISTS', 'dst')).toBe(int(0));
  });
});
