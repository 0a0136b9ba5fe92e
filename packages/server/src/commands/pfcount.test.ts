// PFCOUNT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('PFCOUNT', () => {
  it('estimates one key, caching the estimate in its header', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h', 'a', 'b', 'c');
    expect(h.run('PFCOUNT', 'h')).toBe(int(3));
    expect(h.run('PFCOUNT', 'missing')).toBe(int(0));
    // The cache is byte 8 on; its top bit set means stale (after PFADD).
    expect(h.run('GETRANGE', 'h', '8', '15')).toBe('$8\r\n\x03\0\0\0\0\0\0\0\r\n');
    h.run('PFADD', 'h', 'd');
    expect(h.run('GETRANGE', 'h', '15', '15')).toBe('$1\r\n\x80\r\n');
  });

  it('estimates the union of several keys without changing them', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h1', 'a', 'b');
    h.run('PFADD', 'h2', 'b', 'c', 'd');
    expect(h.run('PFCOUNT', 'h1', 'h2', 'missing')).toBe(int(4));
    expect(h.run('GETRANGE', 'h1', '15', '15')).toBe('$1\r\n\x80\r\n');
  });

  it('makes a WATCH fail when it refreshes the cache, as Redis does', () => {
    const h = new CommandHarness();
    h.run('PFADD', 'h', 'a');
    expect(h.run('WATCH', 'h')).toBe(OK);
    h.connect().run('PFCOUNT', 'h');
    h.run('MULTI');
    h.run('PING');
    expect(h.run('EXEC')).toBe('*-1\r\n');
  });

  it('refuses strings that are not sketches and corrupt ones', () => {
    const h = new CommandHarness();
    h.run('SET', 's', 'x');
    expect(h.run('PFCOUNT', 's')).toBe(
      err('WRONGTYPE Key is not a valid HyperLogLog string value.'),
    );
    // Sparse runs covering 100 registers, not 16384.
    h.run(
      'SET',
      'bad',
      Buffer.from('48594c4c010000000000000000000080' + '4063', 'hex').toString('latin1'),
    );
    expect(h.run('PFCOUNT', 'bad')).toBe(err('INVALIDOBJ Corrupted HLL object detected'));
  });
});
