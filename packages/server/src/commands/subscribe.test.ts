// SUBSCRIBE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('SUBSCRIBE', () => {
  it('confirms each channel with the running subscription count', () => {
    const h = new CommandHarness();
    expect(h.run('SUBSCRIBE', 'a', 'b', 'a')).toBe(
      `*3\r\n${bulk('subscribe')}${bulk('a')}:1\r\n` +
        `*3\r\n${bulk('subscribe')}${bulk('b')}:2\r\n` +
        `*3\r\n${bulk('subscribe')}${bulk('a')}:2\r\n`,
    );
    expect(h.client.receivers).toHaveLength(2);
  });

  it('receives what is published to its channels only', () => {
    const h = new CommandHarness();
    const subscriber = h.connect();
    subscriber.run('SUBSCRIBE', 'news', 'sport');
    expect(h.run('PUBLISH', 'news', 'hello')).toBe(int(1));
    expect(h.run('PUBLISH', 'weather', 'rain')).toBe(int(0));
    expect(h.run('PUBLISH', 'sport', 'goal')).toBe(int(1));
    expect(subscriber.messages()).toEqual(['news:hello', 'sport:goal']);
  });

  it('confirms with push frames in RESP3', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3');
    expect(h.run('SUBSCRIBE', 'x')).toBe(`>3\r\n${bulk('subscribe')}${bulk('x')}:1\r\n`);
  });

  it('restricts a subscribed RESP2 connection to the pub/sub commands', () => {
    const h = new CommandHarness();
    h.run('SUBSCRIBE', 'x');
    expect(h.run('GET', 'k')).toBe(
      err(
        "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
      ),
    );
  });

  it('needs at least one channel', () => {
    expect(new CommandHarness().run('SUBSCRIBE')).toBe(
      err("ERR wrong number of arguments for 'subscribe' command"),
    );
  });
});
