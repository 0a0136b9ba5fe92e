// BZMPOP: unit tests against the server's state, asserting Redis's reply bytes.
// (Blocking across connections: test/differential-blocking.test.ts.)
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';

describe('BZMPOP', () => {
  it('pops at once from the first non-empty sorted set, as [key, [[member, score] ...]]', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b');
    expect(h.run('BZMPOP', '0', '2', 'nokey', 'z', 'MIN', 'COUNT', '5')).toBe(
      '*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
  });

  it('never blocks inside a transaction', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('BZMPOP', '0', '1', 'nokey', 'MAX');
    expect(h.run('EXEC')).toBe('*1\r\n*-1\r\n');
  });

  it('checks numkeys and the options before the timeout, as Redis does', () => {
    const h = new CommandHarness();
    expect(h.run('BZMPOP', 'x', '0', 'k', 'MIN')).toBe(err('ERR numkeys should be greater than 0'));
    expect(h.run('BZMPOP', 'x', '1', 'k', 'MIN')).toBe(
      err('ERR timeout is not a float or out of range'),
    );
    expect(h.run('BZMPOP', '0', '1', 'k', 'LEFT')).toBe(err('ERR syntax error'));
  });
});
