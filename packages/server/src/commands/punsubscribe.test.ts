// PUNSUBSCRIBE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('PUNSUBSCRIBE', () => {
  it('leaves the given patterns, or every pattern without arguments', () => {
    const h = new CommandHarness();
    h.run('PSUBSCRIBE', 'a*', 'b*', 'c*');
    expect(h.run('PUNSUBSCRIBE', 'a*')).toBe(`*3\r\n${bulk('punsubscribe')}${bulk('a*')}:2\r\n`);
    expect(h.run('PUNSUBSCRIBE')).toBe(
      `*3\r\n${bulk('punsubscribe')}${bulk('b*')}:1\r\n` +
        `*3\r\n${bulk('punsubscribe')}${bulk('c*')}:0\r\n`,
    );
    expect(h.run('PUBSUB', 'NUMPAT')).toBe(int(0));
  });

  it('replies with a null pattern when there was nothing to leave', () => {
    expect(new CommandHarness().run('PUNSUBSCRIBE')).toBe(
      `*3\r\n${bulk('punsubscribe')}$-1\r\n:0\r\n`,
    );
  });
});
