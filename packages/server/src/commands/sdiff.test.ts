// SDIFF: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('SDIFF', () => {
  it("replies with the first set's members no other has", () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', '4', '1', '2', '3');
    h.run('SADD', 'b', '2');
    h.run('SADD', 'c', '3', 'x');
    expect(h.run('SDIFF', 'a', 'b', 'nokey', 'c')).toBe(bulks('1', '4'));
    expect(h.run('SDIFF', 'a', 'a')).toBe('*0\r\n');
    expect(h.run('SDIFF', 'nokey', 'a')).toBe('*0\r\n');
    h.run('SET', 'str', 'v');
    expect(h.run('SDIFF', 'nokey', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
