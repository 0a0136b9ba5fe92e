// INCR: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('INCR', () => {
  it('starts a missing key at 0 and replies with the new value', () => {
    const h = new CommandHarness();
    expect(h.run('INCR', 'n')).toBe(int(1));
    expect(h.run('INCR', 'n')).toBe(int(2));
    expect(h.run('GET', 'n')).toBe(bulk('2'));
  });

  it('keeps the deadline of the key', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '5', 'EX', '60');
    expect(h.run('INCR', 'n')).toBe(int(6));
    expect(h.run('TTL', 'n')).toBe(int(60));
  });

  it('counts in signed 64 bits and refuses to overflow', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '9223372036854775806');
    expect(h.run('INCR', 'n')).toBe(':9223372036854775807\r\n');
    expect(h.run('INCR', 'n')).toBe(err('ERR increment or decrement would overflow'));
    expect(h.run('GET', 'n')).toBe(bulk('9223372036854775807'));
  });

  it('stores the right digits as the width and sign of the counter change', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '8');
    for (const expected of ['9', '10', '11']) {
      h.run('INCR', 'n');
      expect(h.run('GET', 'n')).toBe(bulk(expected));
    }
    h.run('SET', 'm', '-15');
    for (const expected of ['-14', '-13']) {
      h.run('INCR', 'm');
      expect(h.run('GET', 'm')).toBe(bulk(expected));
    }
    h.run('SET', 'z', '-1');
    h.run('INCR', 'z');
    expect(h.run('GET', 'z')).toBe(bulk('0'));
    // A value read before the increment keeps its old bytes.
    h.run('SET', 'k', '5');
    const before = h.run('GETSET', 'k', '6');
    h.run('INCR', 'k');
    expect(before).toBe(bulk('5'));
    expect(h.run('GET', 'k')).toBe(bulk('7'));
  });

  it('rejects values that are not canonical integers', () => {
    const h = new CommandHarness();
    for (const value of ['abc', '1.5', ' 1', '01', '+1', '']) {
      h.run('SET', 'n', value);
      expect(h.run('INCR', 'n')).toBe(err('ERR value is not an integer or out of range'));
    }
  });
});
