// SINTERSTORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('SINTERSTORE', () => {
  it('stores the intersection, replacing any value, or deletes an empty one', () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', 'x', 'y');
    h.run('SADD', 'b', 'y', 'z');
    h.run('SET', 'dst', 'old', 'EX', '100');
    expect(h.run('SINTERSTORE', 'dst', 'a', 'b')).toBe(int(1));
    expect(h.run('SMEMBERS', 'dst')).toBe(bulks('y'));
    expect(h.run('TTL', 'dst')).toBe(int(-1));
    expect(h.run('SINTERSTORE', 'dst', 'a', 'nokey')).toBe(int(0));
    expect(h.run('EXISTS', 'dst')).toBe(int(0));
    h.run('SADD', 'n', '2', '1');
    h.run('SINTERSTORE', 'ints', 'n', 'n');
    expect(h.run('OBJECT', 'ENCODING', 'ints')).toBe(bulk('intset'));
  });
});
