// ECHO: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('ECHO', () => {
  it('replies with its argument, byte for byte', () => {
    const h = new CommandHarness();
    expect(h.run('ECHO', 'hello world')).toBe(bulk('hello world'));
    expect(h.run('ECHO', '')).toBe(bulk(''));
    expect(h.run('ECHO')).toBe(err("ERR wrong number of arguments for 'echo' command"));
  });
});
