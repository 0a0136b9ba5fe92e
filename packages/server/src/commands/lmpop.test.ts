// LMPOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('LMPOP', () => {
  it('pops from the first non-empty list among the keys', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'b', '1', '2', '3');
    expect(h.run('LMPOP', '2', 'a', 'b', 'RIGHT', 'COUNT', '2')).toBe(
      `*2\r\n${bulk('b')}${bulks('3', '2')}`,
    );
    expect(h.run('LMPOP', '2', 'a', 'b', 'LEFT')).toBe(`*2\r\n${bulk('b')}${bulks('1')}`);
    expect(h.run('LMPOP', '2', 'a', 'b', 'LEFT')).toBe('*-1\r\n');
  });

  it('refuses what Redis refuses', () => {
    const h = new CommandHarness();
    expect(h.run('LMPOP', '0', 'a', 'LEFT')).toBe(err('ERR numkeys should be greater than 0'));
    expect(h.run('LMPOP', '2', 'a', 'LEFT')).toBe(err('ERR syntax error'));
    expect(h.run('LMPOP', '1', 'a', 'LEFT', 'COUNT', '0')).toBe(
      err('ERR count should be greater than 0'),
    );
    expect(h.run('LMPOP', '1', 'a', 'LEFT', 'COUNT', '1', 'COUNT', '1')).toBe(
      err('ERR syntax error'),
    );
  });
});
