// BITOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('BITOP', () => {
  it('combines strings padded with zero bytes, and stores the result without a deadline', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', 'abc');
    h.run('SET', 'b', 'Z');
    h.run('SET', 'r', 'old', 'EX', '100');
    expect(h.run('BITOP', 'AND', 'r', 'a', 'b')).toBe(int(3));
    expect(h.run('GET', 'r')).toBe(bulk('@\u0000\u0000'));
    expect(h.run('TTL', 'r')).toBe(int(-1));
    expect(h.run('BITOP', 'OR', 'r', 'a', 'b', 'none')).toBe(int(3));
    expect(h.run('GET', 'r')).toBe(bulk('{bc'));
    expect(h.run('BITOP', 'XOR', 'r', 'a', 'b')).toBe(int(3));
    expect(h.run('GET', 'r')).toBe(bulk(';bc'));
    expect(h.run('BITOP', 'NOT', 'r', 'b')).toBe(int(1));
    // One byte, 0xa5 (the harness reads replies as Latin-1).
    expect(h.run('GET', 'r')).toBe('$1\r\n\u00a5\r\n');
  });

  it('deletes the destination when every source is missing or empty', () => {
    const h = new CommandHarness();
    h.run('SET', 'r', 'v');
    expect(h.run('BITOP', 'AND', 'r', 'none', 'none2')).toBe(int(0));
    expect(h.run('EXISTS', 'r')).toBe(int(0));
  });

  it('refuses an unknown operation and NOT of several keys', () => {
    const h = new CommandHarness();
    expect(h.run('BITOP', 'NAND', 'r', 'a')).toBe(err('ERR syntax error'));
    expect(h.run('BITOP', 'NOT', 'r', 'a', 'b')).toBe(
      err('ERR BITOP NOT must be called with a single source key.'),
    );
  });
});
