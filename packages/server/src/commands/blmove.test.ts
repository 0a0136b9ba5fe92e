// BLMOVE: unit tests against the server's state, asserting Redis's reply bytes.
// (Blocking across connections: test/differential-blocking.test.ts.)
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('BLMOVE', () => {
  it('moves at once when the source holds a list', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'src', 'a', 'b');
    expect(h.run('BLMOVE', 'src', 'dst', 'RIGHT', 'LEFT', '0')).toBe(bulk('b'));
    expect(h.run('LRANGE', 'dst', '0', '-1')).toBe(bulks('b'));
  });

  it('replies a null bulk inside a transaction, and checks its sides first', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('BLMOVE', 'nokey', 'dst', 'LEFT', 'LEFT', '0');
    expect(h.run('EXEC')).toBe('*1\r\n$-1\r\n');
    expect(h.run('BLMOVE', 'a', 'b', 'UP', 'LEFT', 'x')).toBe(err('ERR syntax error'));
    expect(h.run('BLMOVE', 'a', 'b', 'LEFT', 'LEFT', 'x')).toBe(
      err('ERR timeout is not a float or out of range'),
    );
  });
});
