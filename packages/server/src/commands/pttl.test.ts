// PTTL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('PTTL', () => {
  it('replies with the milliseconds left, -1 without deadline, -2 when missing', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '10000');
    h.advance(1234);
    expect(h.run('PTTL', 'k')).toBe(int(8766));
    h.run('SET', 'p', 'v');
    expect(h.run('PTTL', 'p')).toBe(int(-1));
    h.advance(8766);
    expect(h.run('PTTL', 'k')).toBe(int(-2));
  });
});
