// BLMPOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('BLMPOP', () => {
  it('pops at once from the first key holding a list', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'b', '1', '2', '3');
    expect(h.run('BLMPOP', '0', '2', 'a', 'b', 'LEFT', 'COUNT', '2')).toBe(
      `*2\r\n${bulk('b')}${bulks('1', '2')}`,
    );
  });

  it('reads numkeys, the side and COUNT before the timeout, as Redis does', () => {
    const h = new CommandHarness();
    expect(h.run('BLMPOP', 'x', '0', 'k', 'LEFT')).toBe(
      err('ERR numkeys should be greater than 0'),
    );
    expect(h.run('BLMPOP', 'x', '1', 'k', 'LEFT')).toBe(
      err('ERR timeout is not a float or out of range'),
    );
    h.run('MULTI');
    h.run('BLMPOP', '0', '1', 'k', 'LEFT');
    expect(h.run('EXEC')).toBe('*1\r\n*-1\r\n');
  });
});
