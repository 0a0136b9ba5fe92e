// ROLE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err } from '../../test/command-harness.js';

describe('ROLE', () => {
  it('replies a master with no replicas, in either protocol', () => {
    const h = new CommandHarness();
    expect(h.run('ROLE')).toBe('*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n');
    h.client.run('HELLO', '3');
    expect(h.run('ROLE')).toBe('*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n');
    expect(h.run('ROLE', 'x')).toBe(err("ERR wrong number of arguments for 'role' command"));
  });
});
