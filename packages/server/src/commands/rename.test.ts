// RENAME: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('RENAME', () => {
  it('moves the value and its deadline, replacing the target', () => {
    const h = new CommandHarness();
    h.run('SET', 'from', 'v', 'EX', '40');
    h.run('SET', 'to', 'old');
    expect(h.run('RENAME', 'from', 'to')).toBe(OK);
    expect(h.run('GET', 'to')).toBe(bulk('v'));
    expect(h.run('TTL', 'to')).toBe(int(40));
    expect(h.run('EXISTS', 'from')).toBe(int(0));
  });

  it('accepts a key renamed to itself', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('RENAME', 'k', 'k')).toBe(OK);
    expect(h.run('GET', 'k')).toBe(bulk('v'));
  });

  it('replies no such key for a missing source', () => {
    expect(new CommandHarness().run('RENAME', 'missing', 'x')).toBe(err('ERR no such key'));
  });
});
