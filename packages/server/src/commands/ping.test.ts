// PING: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('PING', () => {
  it('replies PONG, or echoes its argument as a bulk string', () => {
    const h = new CommandHarness();
    expect(h.run('PING')).toBe('+PONG\r\n');
    expect(h.run('ping', 'hi')).toBe(bulk('hi'));
    expect(h.run('PING', 'a', 'b')).toBe(err("ERR wrong number of arguments for 'ping' command"));
  });

  it('replies with a pong array on a subscribed RESP2 connection', () => {
    const h = new CommandHarness();
    h.run('SUBSCRIBE', 'news');
    expect(h.run('PING')).toBe('*2\r\n$4\r\npong\r\n$0\r\n\r\n');
    expect(h.run('PING', 'x')).toBe('*2\r\n$4\r\npong\r\n$1\r\nx\r\n');
  });

  it('replies normally on a subscribed RESP3 connection', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3');
    h.run('SUBSCRIBE', 'news');
    expect(h.run('PING')).toBe('+PONG\r\n');
  });
});
