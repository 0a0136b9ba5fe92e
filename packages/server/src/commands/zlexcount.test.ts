// ZLEXCOUNT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZLEXCOUNT', () => {
  it('counts members between min and max by their bytes', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '0', 'a', '0', 'b', '0', 'c');
    expect(h.run('ZLEXCOUNT', 'z', '[a', '(c')).toBe(int(2));
    expect(h.run('ZLEXCOUNT', 'z', '-', '+')).toBe(int(3));
    expect(h.run('ZLEXCOUNT', 'z', '+', '-')).toBe(int(0));
    expect(h.run('ZLEXCOUNT', 'z', 'a', '+')).toBe(
      err('ERR min or max not valid string range item'),
    );
  });
});
