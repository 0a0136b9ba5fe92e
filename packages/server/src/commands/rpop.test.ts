// RPOP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('RPOP', () => {
  it('pops one element, or a count of them in the order popped', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'l', 'a', 'b', 'c', 'd');
    expect(h.run('RPOP', 'l')).toBe(bulk('d'));
    expect(h.run('RPOP', 'l', '2')).toBe(bulks('c', 'b'));
    expect(h.run('RPOP', 'l', '0')).toBe('*0\r\n');
    expect(h.run('RPOP', 'l', '9')).toBe('*1\r\n' + bulk('a'));
    expect(h.run('EXISTS', 'l')).toBe(int(0));
    expect(h.run('RPOP', 'l')).toBe('$-1\r\n');
    expect(h.run('RPOP', 'l', '2')).toBe('*-1\r\n');
  });

  it('refuses what Redis refuses', () => {
    const h = new CommandHarness();
    h.run('SET', 's', 'v');
    expect(h.run('RPOP', 's', '-1')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('RPOP', 's', 'x')).toBe(err('ERR value is out of range, must be positive'));
    expect(h.run('RPOP', 's', '1', '2')).toBe(
      err("ERR wrong number of arguments for 'rpop' command"),
    );
    expect(h.run('RPOP', 's')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
