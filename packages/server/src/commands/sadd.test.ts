// SADD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('SADD', () => {
  it('creates the set and counts the new members only', () => {
    const h = new CommandHarness();
    expect(h.run('SADD', 's', 'b', 'a', 'b')).toBe(int(2));
    expect(h.run('SADD', 's', 'a', 'c')).toBe(int(1));
    expect(h.run('SMEMBERS', 's')).toBe(bulks('b', 'a', 'c'));
    expect(h.run('TYPE', 's')).toBe('+set\r\n');
    h.run('SET', 'str', 'v');
    expect(h.run('SADD', 'str', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('holds integers as an intset, in ascending order, until a member is not one', () => {
    const h = new CommandHarness();
    h.run('SADD', 'n', '10', '-3', '2');
    expect(h.run('OBJECT', 'ENCODING', 'n')).toBe(bulk('intset'));
    expect(h.run('SMEMBERS', 'n')).toBe(bulks('-3', '2', '10'));
    h.run('SADD', 'n', '01');
    expect(h.run('OBJECT', 'ENCODING', 'n')).toBe(bulk('hashtable'));
    h.run('SREM', 'n', '01');
    expect(h.run('OBJECT', 'ENCODING', 'n')).toBe(bulk('hashtable'));
    // A set created for a non-integer is a hashtable from the start.
    h.run('SADD', 'w', 'x', '1');
    h.run('SREM', 'w', 'x');
    expect(h.run('OBJECT', 'ENCODING', 'w')).toBe(bulk('hashtable'));
  });
});
