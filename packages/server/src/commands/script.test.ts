// SCRIPT DEBUG: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';

describe('SCRIPT DEBUG', () => {
  it("turns the (always off) debugger off, refuses to turn it on, and answers anything else with Redis's usage error", () => {
    const h = new CommandHarness();
    expect(h.run('SCRIPT', 'DEBUG', 'no')).toBe('+OK\r\n');
    expect(h.run('SCRIPT', 'DEBUG', 'NO')).toBe('+OK\r\n');
    for (const mode of ['YES', 'sync'])
      expect(h.run('SCRIPT', 'DEBUG', mode)).toBe(
        err('ERR SCRIPT DEBUG is not supported by mini-redis-server (it has no Lua debugger)'),
      );
    for (const mode of ['', 'maybe', 'yess'])
      expect(h.run('SCRIPT', 'DEBUG', mode)).toBe(err('ERR Use SCRIPT DEBUG YES/SYNC/NO'));
    expect(h.run('SCRIPT', 'DEBUG')).toBe(
      err("ERR wrong number of arguments for 'script|debug' command"),
    );
  });
});
