// HSTRLEN: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('HSTRLEN', () => {
  it("replies with the value's length in bytes", () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'a', 'héllo', 'n', '-12');
    expect(h.run('HSTRLEN', 'h', 'a')).toBe(int(6));
    expect(h.run('HSTRLEN', 'h', 'n')).toBe(int(3));
    expect(h.run('HSTRLEN', 'h', 'zz')).toBe(int(0));
    expect(h.run('HSTRLEN', 'nokey', 'a')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HSTRLEN', 's', 'a')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
