// BRPOP: unit tests against the server's state, asserting Redis's reply bytes.
// (Blocking across connections: test/differential-blocking.test.ts.)
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('BRPOP', () => {
  it('pops at once from the first key holding a list', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b');
    expect(h.run('BRPOP', 'nokey', 'l', '0')).toBe(`*2\r\n${bulk('l')}${bulk('b')}`);
  });

  it('never blocks inside a transaction', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('BRPOP', 'nokey', '0');
    expect(h.run('EXEC')).toBe('*1\r\n*-1\r\n');
  });

  it("refuses a bad timeout with Redis's texts", () => {
    const h = new CommandHarness();
    expect(h.run('BRPOP', 'l', 'x')).toBe(err('ERR timeout is not a float or out of range'));
    expect(h.run('BRPOP', 'l', '-1')).toBe(err('ERR timeout is negative'));
    expect(h.run('BRPOP', 'l', 'inf')).toBe(err('ERR timeout is negative'));
  });
});
