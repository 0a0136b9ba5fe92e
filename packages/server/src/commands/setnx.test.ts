// SETNX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('SETNX', () => {
  it('sets only a missing key and replies 1 or 0', () => {
    const h = new CommandHarness();
    expect(h.run('SETNX', 'k', 'first')).toBe(int(1));
    expect(h.run('SETNX', 'k', 'second')).toBe(int(0));
    expect(h.run('GET', 'k')).toBe(bulk('first'));
  });

  it('treats an expired key as missing', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'old', 'PX', '10');
    h.advance(10);
    expect(h.run('SETNX', 'k', 'new')).toBe(int(1));
    expect(h.run('TTL', 'k')).toBe(int(-1));
  });
});
