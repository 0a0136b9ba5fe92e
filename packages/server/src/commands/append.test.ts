// APPEND: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, int } from '../../test/command-harness.js';

describe('APPEND', () => {
  it('creates a missing key and replies with the new length', () => {
    const h = new CommandHarness();
    expect(h.run('APPEND', 'k', 'Hello')).toBe(int(5));
    expect(h.run('APPEND', 'k', ' World')).toBe(int(11));
    expect(h.run('GET', 'k')).toBe(bulk('Hello World'));
  });

  it('keeps the deadline of the key', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'a', 'EX', '30');
    h.run('APPEND', 'k', 'b');
    expect(h.run('TTL', 'k')).toBe(int(30));
  });
});
