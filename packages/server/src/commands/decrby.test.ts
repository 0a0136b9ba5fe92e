// DECRBY: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('DECRBY', () => {
  it('subtracts the decrement', () => {
    const h = new CommandHarness();
    expect(h.run('DECRBY', 'n', '7')).toBe(int(-7));
    expect(h.run('DECRBY', 'n', '-10')).toBe(int(3));
  });

  it('refuses to negate the minimum, with Redis own wording', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '1');
    expect(h.run('DECRBY', 'n', '-9223372036854775808')).toBe(err('ERR decrement would overflow'));
  });
});
