// EXISTS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('EXISTS', () => {
  it('counts existing keys, a repeated key each time', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    expect(h.run('EXISTS', 'a', 'a', 'b')).toBe(int(2));
    expect(h.run('EXISTS', 'b')).toBe(int(0));
  });

  it('does not count expired keys', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1', 'PX', '20');
    h.advance(20);
    expect(h.run('EXISTS', 'a')).toBe(int(0));
  });
});
