// UNSUBSCRIBE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('UNSUBSCRIBE', () => {
  it('leaves the given channels, confirming each with the remaining count', () => {
    const h = new CommandHarness();
    h.run('SUBSCRIBE', 'a', 'b', 'c');
    expect(h.run('UNSUBSCRIBE', 'b', 'zzz')).toBe(
      `*3\r\n${bulk('unsubscribe')}${bulk('b')}:2\r\n` +
        `*3\r\n${bulk('unsubscribe')}${bulk('zzz')}:2\r\n`,
    );
    expect(h.connect().run('PUBLISH', 'b', 'm')).toBe(int(0));
  });

  it('without arguments leaves every channel, in subscription order', () => {
    const h = new CommandHarness();
    h.run('SUBSCRIBE', 'a', 'b');
    h.run('PSUBSCRIBE', 'p*');
    expect(h.run('UNSUBSCRIBE')).toBe(
      `*3\r\n${bulk('unsubscribe')}${bulk('a')}:2\r\n` +
        `*3\r\n${bulk('unsubscribe')}${bulk('b')}:1\r\n`,
    );
  });

  it('replies with a null channel when there was nothing to leave', () => {
    expect(new CommandHarness().run('UNSUBSCRIBE')).toBe(
      `*3\r\n${bulk('unsubscribe')}$-1\r\n:0\r\n`,
    );
  });

  it('returns the connection to normal once the last subscription is gone', () => {
    const h = new CommandHarness();
    h.run('SUBSCRIBE', 'a');
    h.run('UNSUBSCRIBE', 'a');
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
  });
});
