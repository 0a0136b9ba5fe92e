// UNLINK: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('UNLINK', () => {
  it('deletes like DEL and replies with how many existed', () => {
    const h = new CommandHarness();
    h.run('MSET', 'a', '1', 'b', '2');
    expect(h.run('UNLINK', 'a', 'b', 'c')).toBe(int(2));
    expect(h.run('EXISTS', 'a', 'b')).toBe(int(0));
    expect(h.run('UNLINK')).toBe(err("ERR wrong number of arguments for 'unlink' command"));
  });
});
