// ZSCORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness } from '../../test/command-harness.js';

describe('ZSCORE', () => {
  it('replies with the score as %.17g, or a null', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1.1', 'a', '-inf', 'b', '1e17', 'c');
    expect(h.run('ZSCORE', 'z', 'a')).toBe(bulk('1.1000000000000001'));
    expect(h.run('ZSCORE', 'z', 'b')).toBe(bulk('-inf'));
    expect(h.run('ZSCORE', 'z', 'c')).toBe(bulk('1e+17'));
    expect(h.run('ZSCORE', 'z', 'nope')).toBe(bulk(null));
    expect(h.run('ZSCORE', 'missing', 'a')).toBe(bulk(null));
    h.client.run('HELLO', '3');
    expect(h.run('ZSCORE', 'z', 'a')).toBe(',1.1000000000000001\r\n');
  });
});
