// PUBSUB: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('PUBSUB', () => {
  it('CHANNELS lists channels with subscribers, filtered by a pattern', () => {
    const h = new CommandHarness();
    h.connect().run('SUBSCRIBE', 'news.tech', 'news.art', 'weather');
    h.connect().run('PSUBSCRIBE', 'ignored*');
    const all = h.run('PUBSUB', 'CHANNELS');
    expect(all.startsWith('*3\r\n')).toBe(true);
    for (const name of ['news.tech', 'news.art', 'weather']) expect(all).toContain(bulk(name));
    expect(h.run('PUBSUB', 'CHANNELS', 'w*')).toBe(bulks('weather'));
    expect(h.run('PUBSUB', 'CHANNELS', 'x*')).toBe('*0\r\n');
  });

  it('NUMSUB replies with each channel and its subscriber count', () => {
    const h = new CommandHarness();
    h.connect().run('SUBSCRIBE', 'a');
    h.connect().run('SUBSCRIBE', 'a', 'b');
    expect(h.run('PUBSUB', 'NUMSUB', 'a', 'b', 'c')).toBe(
      `*6\r\n${bulk('a')}:2\r\n${bulk('b')}:1\r\n${bulk('c')}:0\r\n`,
    );
    expect(h.run('PUBSUB', 'NUMSUB')).toBe('*0\r\n');
  });

  it('NUMPAT counts distinct patterns, as Redis 7 does', () => {
    const h = new CommandHarness();
    const first = h.connect();
    first.run('PSUBSCRIBE', 'a*', 'b*');
    h.connect().run('PSUBSCRIBE', 'a*');
    expect(h.run('PUBSUB', 'NUMPAT')).toBe(int(2));
    first.run('PUNSUBSCRIBE', 'b*');
    expect(h.run('PUBSUB', 'NUMPAT')).toBe(int(1));
  });

  it('rejects unknown subcommands and wrong arity with Redis texts', () => {
    const h = new CommandHarness();
    expect(h.run('PUBSUB', 'foo')).toBe(err("ERR unknown subcommand 'foo'. Try PUBSUB HELP."));
    expect(h.run('PUBSUB', 'NUMPAT', 'x')).toBe(
      err("ERR wrong number of arguments for 'pubsub|numpat' command"),
    );
  });
});
