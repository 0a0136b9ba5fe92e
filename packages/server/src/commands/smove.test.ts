// SMOVE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('SMOVE', () => {
  it('moves a member, creating the destination and deleting an emptied source', () => {
    const h = new CommandHarness();
    h.run('SADD', 'src', 'a', 'b');
    expect(h.run('SMOVE', 'src', 'dst', 'a')).toBe(int(1));
    expect(h.run('SMOVE', 'src', 'dst', 'zz')).toBe(int(0));
    expect(h.run('SMOVE', 'src', 'dst', 'b')).toBe(int(1));
    expect(h.run('EXISTS', 'src')).toBe(int(0));
    expect(h.run('SMEMBERS', 'dst')).toBe(bulks('a', 'b'));
    expect(h.run('SMOVE', 'dst', 'dst', 'a')).toBe(int(1));
    expect(h.run('SMOVE', 'dst', 'dst', 'zz')).toBe(int(0));
  });

  it("checks the types after the source's existence, as Redis does", () => {
    const h = new CommandHarness();
    h.run('SET', 'str', 'v');
    h.run('SADD', 's', 'a');
    expect(h.run('SMOVE', 'nokey', 'str', 'a')).toBe(int(0));
    expect(h.run('SMOVE', 's', 'str', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('SMOVE', 'str', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
    expect(h.run('SISMEMBER', 's', 'a')).toBe(int(1));
  });
});
