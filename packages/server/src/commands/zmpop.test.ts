// ZMPOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';

describe('ZMPOP', () => {
  it('pops from the first sorted set that has members', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZMPOP', '2', 'missing', 'z', 'MAX', 'COUNT', '2')).toBe(
      '*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
    expect(h.run('ZMPOP', '1', 'missing', 'MIN')).toBe('*-1\r\n');
    expect(h.run('ZMPOP', '0', 'z', 'MIN')).toBe(err('ERR numkeys should be greater than 0'));
    expect(h.run('ZMPOP', '1', 'z', 'LEFT')).toBe(err('ERR syntax error'));
    expect(h.run('ZMPOP', '1', 'z', 'MIN', 'COUNT', '0')).toBe(
      err('ERR count should be greater than 0'),
    );
  });
});
