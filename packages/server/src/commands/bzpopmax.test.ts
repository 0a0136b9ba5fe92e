// BZPOPMAX: unit tests against the server's state, asserting Redis's reply bytes.
// (Blocking across connections: test/differential-blocking.test.ts.)
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('BZPOPMAX', () => {
  it('pops at once from the first key holding a sorted set, as [key, member, score]', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('BZPOPMAX', 'nokey', 'z', '0')).toBe(bulks('z', 'c', '3'));
  });

  it('never blocks inside a transaction', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('BZPOPMAX', 'nokey', '0');
    expect(h.run('EXEC')).toBe('*1\r\n*-1\r\n');
  });

  it("refuses a bad timeout and another type with Redis's texts", () => {
    const h = new CommandHarness();
    expect(h.run('BZPOPMAX', 'z', 'x')).toBe(err('ERR timeout is not a float or out of range'));
    expect(h.run('BZPOPMAX', 'z', '-1')).toBe(err('ERR timeout is negative'));
    h.run('SET', 's', 'v');
    expect(h.run('BZPOPMAX', 's', '0')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
