// SDIFFSTORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('SDIFFSTORE', () => {
  it('stores the difference, even into one of its sources', () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', 'x', 'y', 'z');
    h.run('SADD', 'b', 'y');
    expect(h.run('SDIFFSTORE', 'a', 'a', 'b')).toBe(int(2));
    expect(h.run('SMEMBERS', 'a')).toBe(bulks('x', 'z'));
    expect(h.run('SDIFFSTORE', 'a', 'b', 'b')).toBe(int(0));
    expect(h.run('EXISTS', 'a')).toBe(int(0));
  });
});
