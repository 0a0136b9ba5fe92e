// LMOVE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('LMOVE', () => {
  it('moves an element between lists and rotates one list', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'src', 'a', 'b', 'c');
    expect(h.run('LMOVE', 'src', 'dst', 'LEFT', 'RIGHT')).toBe(bulk('a'));
    expect(h.run('LMOVE', 'src', 'src', 'RIGHT', 'LEFT')).toBe(bulk('c'));
    expect(h.run('LRANGE', 'src', '0', '-1')).toBe(bulks('c', 'b'));
    expect(h.run('LMOVE', 'nokey', 'dst', 'LEFT', 'LEFT')).toBe('$-1\r\n');
    expect(h.run('LMOVE', 'src', 'dst', 'UP', 'LEFT')).toBe(err('ERR syntax error'));
  });

  it('checks the destination type before popping', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'src', 'a');
    h.run('SET', 's', 'v');
    expect(h.run('LMOVE', 'src', 's', 'LEFT', 'LEFT')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('LLEN', 'src')).toBe(int(1));
  });
});
