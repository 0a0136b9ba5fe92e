// GETBIT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('GETBIT', () => {
  it('reads a bit, 0 past the end and for a missing key; the offset is checked first', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', '@');
    expect(h.run('GETBIT', 'k', '1')).toBe(int(1));
    expect(h.run('GETBIT', 'k', '0')).toBe(int(0));
    expect(h.run('GETBIT', 'k', '800')).toBe(int(0));
    expect(h.run('GETBIT', 'none', '1')).toBe(int(0));
    expect(h.run('GETBIT', 'none', 'x')).toBe(
      err('ERR bit offset is not an integer or out of range'),
    );
  });
});
