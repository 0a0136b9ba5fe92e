// SINTERCARD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('SINTERCARD', () => {
  it('counts the common members, up to LIMIT', () => {
    const h = new CommandHarness();
    h.run('SADD', 'a', '1', '2', '3', '4');
    h.run('SADD', 'b', '2', '3', '4', '5');
    expect(h.run('SINTERCARD', '2', 'a', 'b')).toBe(int(3));
    expect(h.run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '2')).toBe(int(2));
    expect(h.run('SINTERCARD', '2', 'a', 'b', 'limit', '0')).toBe(int(3));
    expect(h.run('SINTERCARD', '1', 'nokey')).toBe(int(0));
  });

  it("refuses bad counts with Redis's texts", () => {
    const h = new CommandHarness();
    expect(h.run('SINTERCARD', '0', 'a')).toBe(err('ERR numkeys should be greater than 0'));
    expect(h.run('SINTERCARD', 'x', 'a')).toBe(err('ERR numkeys should be greater than 0'));
    expect(h.run('SINTERCARD', '3', 'a', 'b')).toBe(
      err("ERR Number of keys can't be greater than number of args"),
    );
    expect(h.run('SINTERCARD', '1', 'a', 'LIMIT', '-1')).toBe(err("ERR LIMIT can't be negative"));
    expect(h.run('SINTERCARD', '1', 'a', 'LIMIT')).toBe(err('ERR syntax error'));
    expect(h.run('SINTERCARD', '1', 'a', 'FOO', '1')).toBe(err('ERR syntax error'));
  });
});
