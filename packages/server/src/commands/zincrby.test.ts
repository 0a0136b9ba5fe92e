// ZINCRBY: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('ZINCRBY', () => {
  it('adds to a score, starting a new member at 0, and prints %.17g', () => {
    const h = new CommandHarness();
    expect(h.run('ZINCRBY', 'z', '2', 'a')).toBe(bulk('2'));
    expect(h.run('ZINCRBY', 'z', '0.1', 'a')).toBe(bulk('2.1000000000000001'));
    expect(h.run('ZINCRBY', 'z', 'x', 'a')).toBe(err('ERR value is not a valid float'));
    h.run('ZADD', 'z', 'inf', 'b');
    expect(h.run('ZINCRBY', 'z', '-inf', 'b')).toBe(
      err('ERR resulting score is not a number (NaN)'),
    );
    expect(h.run('ZSCORE', 'z', 'b')).toBe(bulk('inf'));
  });

  it("reads ZADD's options where the increment goes, as Redis does: one is a syntax error", () => {
    const h = new CommandHarness();
    for (const option of ['NX', 'xx', 'GT', 'lt', 'CH', 'INCR'])
      expect([option, h.run('ZINCRBY', 'z', option, 'a')]).toEqual([
        option,
        err('ERR syntax error'),
      ]);
    expect(h.run('EXISTS', 'z')).toBe(':0\r\n');
    expect(h.run('ZINCRBY', 'z', 'nan', 'a')).toBe(err('ERR value is not a valid float'));
  });
});
