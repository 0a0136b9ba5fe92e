// ZCOUNT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZCOUNT', () => {
  it('counts scores between min and max, with open ends and infinities', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZCOUNT', 'z', '1', '2')).toBe(int(2));
    expect(h.run('ZCOUNT', 'z', '(1', '+inf')).toBe(int(2));
    expect(h.run('ZCOUNT', 'z', '-inf', '(3')).toBe(int(2));
    expect(h.run('ZCOUNT', 'z', '3', '1')).toBe(int(0));
    expect(h.run('ZCOUNT', 'z', 'x', '1')).toBe(err('ERR min or max is not a float'));
    expect(h.run('ZCOUNT', 'missing', '0', '1')).toBe(int(0));
  });
});
