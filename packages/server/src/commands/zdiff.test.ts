// ZDIFF: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZDIFF', () => {
  it("keeps the first set's members no other has, with its scores", () => {
    const h = new CommandHarness();
    h.run('ZADD', 'a', '1', 'x', '2', 'y', '3', 'w');
    h.run('ZADD', 'b', '10', 'y');
    expect(h.run('ZDIFF', '2', 'a', 'b', 'WITHSCORES')).toBe(bulks('x', '1', 'w', '3'));
    expect(h.run('ZDIFF', '2', 'a', 'b', 'WEIGHTS', '1', '1')).toBe(err('ERR syntax error'));
  });
});
