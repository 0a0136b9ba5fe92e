// HSETNX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('HSETNX', () => {
  it('sets an absent field only', () => {
    const h = new CommandHarness();
    expect(h.run('HSETNX', 'h', 'a', '1')).toBe(int(1));
    expect(h.run('HSETNX', 'h', 'a', '2')).toBe(int(0));
    expect(h.run('HGET', 'h', 'a')).toBe(bulk('1'));
    h.run('SET', 's', 'v');
    expect(h.run('HSETNX', 's', 'a', '1')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('leaves the encoding alone when the field exists, as Redis does', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', '1');
    h.run('HSETNX', 'h', 'a', 'x'.repeat(65));
    expect(h.run('OBJECT', 'ENCODING', 'h')).toBe(bulk('listpack'));
    h.run('HSETNX', 'h', 'b', 'x'.repeat(65));
    expect(h.run('OBJECT', 'ENCODING', 'h')).toBe(bulk('hashtable'));
  });
});
