// TTL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('TTL', () => {
  it('replies with the seconds left, rounded to the nearest second', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '10000');
    h.advance(1400);
    expect(h.run('TTL', 'k')).toBe(int(9));
    h.advance(200);
    expect(h.run('TTL', 'k')).toBe(int(8));
  });

  it('replies -1 for a key without deadline and -2 for a missing key', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('TTL', 'k')).toBe(int(-1));
    expect(h.run('TTL', 'missing')).toBe(int(-2));
  });
});
