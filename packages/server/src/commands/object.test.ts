// OBJECT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('OBJECT', () => {
  it('counts IDLETIME in whole seconds from the last access, which TYPE, TTL and listings are not', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'hello');
    expect(h.run('OBJECT', 'IDLETIME', 'k')).toBe(int(0));
    h.advance(5_000);
    h.run('TYPE', 'k');
    h.run('TTL', 'k');
    h.run('EXISTS', 'k');
    h.run('OBJECT', 'ENCODING', 'k');
    // Nor do the commands that list keys (checked on redis-server 7.0.15).
    h.run('RANDOMKEY');
    h.run('SCAN', '0');
    h.run('KEYS', '*');
    h.run('DBSIZE');
    expect(h.run('OBJECT', 'IDLETIME', 'k')).toBe(int(5));
    h.run('GET', 'k');
    expect(h.run('OBJECT', 'IDLETIME', 'k')).toBe(int(0));
    h.advance(61_000);
    expect(h.run('OBJECT', 'IDLETIME', 'k')).toBe(int(61));
    // A new value is a new object, accessed now.
    h.run('SET', 'k', 'again');
    expect(h.run('OBJECT', 'IDLETIME', 'k')).toBe(int(0));
  });

  it('follows a value from int to raw and back, as Redis holds it', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', '20000');
    expect(h.run('OBJECT', 'ENCODING', 'k')).toBe(bulk('int'));
    h.run('APPEND', 'k', '0');
    expect(h.run('OBJECT', 'ENCODING', 'k')).toBe(bulk('raw'));
    h.run('INCR', 'k');
    expect(h.run('OBJECT', 'ENCODING', 'k')).toBe(bulk('int'));
    expect(h.run('OBJECT', 'REFCOUNT', 'k')).toBe(int(1));
    h.run('SET', 'k', '9999');
    expect(h.run('OBJECT', 'REFCOUNT', 'k')).toBe(int(2147483647));
    expect(h.run('OBJECT', 'ENCODING', 'nokey')).toBe('$-1\r\n');
    expect(h.run('OBJECT', 'FREQ', 'k')).toBe(
      err(
        'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
      ),
    );
  });
});
