// PSUBSCRIBE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('PSUBSCRIBE', () => {
  it('confirms each pattern with the count of channels and patterns', () => {
    const h = new CommandHarness();
    h.run('SUBSCRIBE', 'plain');
    expect(h.run('PSUBSCRIBE', 'news.*', 'h?llo')).toBe(
      `*3\r\n${bulk('psubscribe')}${bulk('news.*')}:2\r\n` +
        `*3\r\n${bulk('psubscribe')}${bulk('h?llo')}:3\r\n`,
    );
  });

  it('receives messages on every channel its glob patterns match', () => {
    const h = new CommandHarness();
    const subscriber = h.connect();
    subscriber.run('PSUBSCRIBE', 'news.*', 'h[ae]llo');
    expect(h.run('PUBLISH', 'news.tech', 'a')).toBe(int(1));
    expect(h.run('PUBLISH', 'hallo', 'b')).toBe(int(1));
    expect(h.run('PUBLISH', 'hillo', 'c')).toBe(int(0));
    expect(h.run('PUBLISH', 'news', 'd')).toBe(int(0));
    expect(subscriber.messages()).toEqual(['news.*>news.tech:a', 'h[ae]llo>hallo:b']);
  });

  it('needs at least one pattern', () => {
    expect(new CommandHarness().run('PSUBSCRIBE')).toBe(
      err("ERR wrong number of arguments for 'psubscribe' command"),
    );
  });
});
