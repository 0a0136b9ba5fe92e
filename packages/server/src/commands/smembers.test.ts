// SMEMBERS: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('SMEMBERS', () => {
  it('replies with every member, a set in RESP3', () => {
    const h = new CommandHarness();
    h.run('SADD', 's', 'x', 'y');
    expect(h.run('SMEMBERS', 's')).toBe(bulks('x', 'y'));
    expect(h.run('SMEMBERS', 'nokey')).toBe('*0\r\n');
    const client = h.connect();
    client.run('HELLO', '3');
    expect(client.run('SMEMBERS', 's')).toBe(`~2\r\n${bulk('x')}${bulk('y')}`);
    expect(client.run('SMEMBERS', 'nokey')).toBe('~0\r\n');
    h.run('SET', 'str', 'v');
    expect(h.run('SMEMBERS', 'str')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
