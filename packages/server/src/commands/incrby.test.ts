// INCRBY: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('INCRBY', () => {
  it('adds the increment, which may be negative', () => {
    const h = new CommandHarness();
    expect(h.run('INCRBY', 'n', '10')).toBe(int(10));
    expect(h.run('INCRBY', 'n', '-25')).toBe(int(-15));
  });

  it('works beyond 2^53 without rounding', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '9007199254740993');
    expect(h.run('INCRBY', 'n', '2')).toBe(':9007199254740995\r\n');
  });

  it('rejects an overflow and a non-integer increment', () => {
    const h = new CommandHarness();
    h.run('INCR', 'n');
    expect(h.run('INCRBY', 'n', '9223372036854775807')).toBe(
      err('ERR increment or decrement would overflow'),
    );
    expect(h.run('INCRBY', 'n', '1.0')).toBe(err('ERR value is not an integer or out of range'));
    expect(h.run('INCRBY', 'n', '9223372036854775808')).toBe(
      err('ERR value is not an integer or out of range'),
    );
  });
});
