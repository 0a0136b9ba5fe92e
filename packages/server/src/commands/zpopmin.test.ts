// ZPOPMIN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZPOPMIN', () => {
  it('pops one as a flat pair, or up to count, deleting the key with the last', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZPOPMIN', 'z')).toBe(bulks('a', '1'));
    expect(h.run('ZPOPMIN', 'z', '0')).toBe('*0\r\n');
    expect(h.run('ZPOPMIN', 'z', '-1')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('ZPOPMIN', 'z', '9')).toBe(bulks('b', '2', 'c', '3'));
    expect(h.run('EXISTS', 'z')).toBe(int(0));
    expect(h.run('ZPOPMIN', 'z')).toBe('*0\r\n');
  });

  it('sends pairs in RESP3 when given a count', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    h.client.run('HELLO', '3');
    expect(h.run('ZPOPMIN', 'z', '1')).toBe('*1\r\n*2\r\n$1\r\na\r\n,1\r\n');
    expect(h.run('ZPOPMIN', 'z')).toBe('*2\r\n$1\r\nb\r\n,2\r\n');
  });
});
