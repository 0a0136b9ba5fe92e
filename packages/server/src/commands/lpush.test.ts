// LPUSH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('LPUSH', () => {
  it('pushes each element at the head in turn, creating the list', () => {
    const h = new CommandHarness();
    expect(h.run('LPUSH', 'l', 'a', 'b')).toBe(int(2));
    expect(h.run('LPUSH', 'l', 'c')).toBe(int(3));
    expect(h.run('LRANGE', 'l', '0', '-1')).toBe(bulks('c', 'b', 'a'));
    expect(h.run('TYPE', 'l')).toBe('+list\r\n');
    h.run('SET', 's', 'v');
    expect(h.run('LPUSH', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('grows past its first slots at both ends', () => {
    const h = new CommandHarness();
    for (let i = 0; i < 50; i++) {
      h.run('LPUSH', 'l', `h${i}`);
      h.run('RPUSH', 'l', `t${i}`);
    }
    expect(h.run('LLEN', 'l')).toBe(int(100));
    expect(h.run('LINDEX', 'l', '0')).toBe('$3\r\nh49\r\n');
    expect(h.run('LINDEX', 'l', '-1')).toBe('$3\r\nt49\r\n');
    expect(h.run('LINDEX', 'l', '49')).toBe('$2\r\nh0\r\n');
    expect(h.run('LINDEX', 'l', '50')).toBe('$2\r\nt0\r\n');
  });
});
