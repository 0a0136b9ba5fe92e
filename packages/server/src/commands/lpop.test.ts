// LPOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('LPOP', () => {
  it('pops one element, or a count of them in the order popped', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'd');
    expect(h.run('LPOP', 'l')).toBe(bulk('a'));
    expect(h.run('LPOP', 'l', '2')).toBe(bulks('b', 'c'));
    expect(h.run('LPOP', 'l', '0')).toBe('*0\r\n');
    expect(h.run('LPOP', 'l', '9')).toBe('*1\r\n' + bulk('d'));
    expect(h.run('EXISTS', 'l')).toBe(int(0));
    expect(h.run('LPOP', 'l')).toBe('$-1\r\n');
    expect(h.run('LPOP', 'l', '2')).toBe('*-1\r\n');
  });

  it('refuses what Redis refuses', () => {
    const h = new CommandHarness();
    h.run('SET', 's', 'v');
    expect(h.run('LPOP', 's', '-1')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('LPOP', 's', 'x')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('LPOP', 's', '1', '2')).toBe(
      err("ERR wrong number of arguments for 'lpop' command"),
    );
    expect(h.run('LPOP', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
