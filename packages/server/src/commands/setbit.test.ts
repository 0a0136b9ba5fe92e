// SETBIT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('SETBIT', () => {
  it('sets and clears bits, growing the string with zero bytes, replying the old bit', () => {
    const h = new CommandHarness();
    expect(h.run('SETBIT', 'k', '1', '1')).toBe(int(0));
    expect(h.run('GET', 'k')).toBe(bulk('@'));
    expect(h.run('SETBIT', 'k', '1', '1')).toBe(int(1));
    expect(h.run('SETBIT', 'k', '23', '1')).toBe(int(0));
    expect(h.run('GET', 'k')).toBe(bulk('@\u0000\u0001'));
    expect(h.run('SETBIT', 'k', '1', '0')).toBe(int(1));
    expect(h.run('GET', 'k')).toBe(bulk('\u0000\u0000\u0001'));
  });

  it('keeps the deadline of the key', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'a', 'PX', '1000');
    h.run('SETBIT', 'k', '100', '1');
    expect(h.run('PTTL', 'k')).toBe(int(1000));
  });

  it('refuses bad offsets and bits with Redis’s errors, and offsets past proto-max-bulk-len', () => {
    const h = new CommandHarness();
    const offset = err('ERR bit offset is not an integer or out of range');
    expect(h.run('SETBIT', 'k', '-1', '1')).toBe(offset);
    expect(h.run('SETBIT', 'k', 'x', '1')).toBe(offset);
    expect(h.run('SETBIT', 'k', String(512 * 1024 * 1024 * 8), '1')).toBe(offset);
    expect(h.run('SETBIT', 'k', '0', '2')).toBe(err('ERR bit is not an integer or out of range'));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });
});
