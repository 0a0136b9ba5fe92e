// LTRIM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, int, OK } from '../../test/command-harness.js';

describe('LTRIM', () => {
  it('keeps a range, deleting the key when none is kept', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'd');
    expect(h.run('LTRIM', 'l', '1', '-2')).toBe(OK);
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('b', 'c'));
    expect(h.run('LTRIM', 'l', '5', '10')).toBe(OK);
    expect(h.run('EXISTS', 'l')).toBe(int(0));
    expect(h.run('LTRIM', 'nokey', '0', '1')).toBe(OK);
  });
});
