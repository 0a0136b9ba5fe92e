// GETEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('GETEX', () => {
  it('replies with the value and leaves the deadline alone without options', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'EX', '50');
    expect(h.run('GETEX', 'k')).toBe(bulk('v'));
    expect(h.run('TTL', 'k')).toBe(int(50));
    expect(h.run('GETEX', 'missing')).toBe('$-1\r\n');
  });

  it('sets the deadline with EX, PX, EXAT, PXAT and removes it with PERSIST', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    h.run('GETEX', 'k', 'EX', '7');
    expect(h.run('PTTL', 'k')).toBe(int(7000));
    h.run('GETEX', 'k', 'PX', '300');
    expect(h.run('PTTL', 'k')).toBe(int(300));
    h.run('GETEX', 'k', 'EXAT', String(h.now / 1000 + 9));
    expect(h.run('PTTL', 'k')).toBe(int(9000));
    h.run('GETEX', 'k', 'PXAT', String(h.now + 400));
    expect(h.run('PTTL', 'k')).toBe(int(400));
    expect(h.run('GETEX', 'k', 'PERSIST')).toBe(bulk('v'));
    expect(h.run('PTTL', 'k')).toBe(int(-1));
  });

  it('rejects bad options and times as Redis does', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('GETEX', 'k', 'EX', '1', 'PERSIST')).toBe(err('ERR syntax error'));
    expect(h.run('GETEX', 'k', 'PX')).toBe(err('ERR syntax error'));
    expect(h.run('GETEX', 'k', 'PX', '0')).toBe(err("ERR invalid expire time in 'getex' command"));
    expect(h.run('GETEX', 'k', 'EX', 'x')).toBe(err('ERR value is not an integer or out of range'));
    expect(h.run('TTL', 'k')).toBe(int(-1));
  });
});
