// LRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('LRANGE', () => {
  it('replies with a range, clamping indexes as Redis does', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'd');
    expect(h.run('LRANGE', 'l', '1', '2')).toBe(bulks('b', 'c'));
    expect(h.run('LRANGE', 'l', '-2', '100')).toBe(bulks('c', 'd'));
    expect(h.run('LRANGE', 'l', '-100', '0')).toBe(bulks('a'));
    expect(h.run('LRANGE', 'l', '3', '1')).toBe('*0\r\n');
    expect(h.run('LRANGE', 'l', '4', '10')).toBe('*0\r\n');
    expect(h.run('LRANGE', 'nokey', '0', '-1')).toBe('*0\r\n');
    // The indexes are read first.
    expect(h.run('LRANGE', 'nokey', 'x', '1')).toBe(
      err('ERR value is not an integer or out of range'),
    );
  });
});
