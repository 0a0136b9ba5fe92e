// ZINTER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness } from '../../test/command-harness.js';

describe('ZINTER', () => {
  it('keeps members every set has, aggregating their scores', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'a', '1', 'x', '2', 'y');
    h.run('ZADD', 'b', '10', 'y', '20', 'z');
    expect(h.run('ZINTER', '2', 'a', 'b', 'WITHSCORES')).toBe(bulks('y', '12'));
    expect(h.run('ZINTER', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'WITHSCORES')).toBe(bulks('y', '2'));
    expect(h.run('ZINTER', '2', 'a', 'missing')).toBe('*0\r\n');
  });
});
