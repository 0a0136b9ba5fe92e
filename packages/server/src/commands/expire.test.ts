// EXPIRE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('EXPIRE', () => {
  it('sets a deadline in seconds and replies 1, or 0 for a missing key', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('EXPIRE', 'k', '100')).toBe(int(1));
    expect(h.run('TTL', 'k')).toBe(int(100));
    expect(h.run('EXPIRE', 'missing', '100')).toBe(int(0));
  });

  it('deletes the key at once for a time in the past', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('EXPIRE', 'k', '-1')).toBe(int(1));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('applies NX, XX, GT and LT, a key without deadline counting as infinite', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('EXPIRE', 'k', '100', 'XX')).toBe(int(0));
    expect(h.run('EXPIRE', 'k', '50', 'GT')).toBe(int(0));
    expect(h.run('EXPIRE', 'k', '10', 'LT')).toBe(int(1));
    expect(h.run('EXPIRE', 'k', '100', 'NX')).toBe(int(0));
    expect(h.run('EXPIRE', 'k', '5', 'GT')).toBe(int(0));
    expect(h.run('EXPIRE', 'k', '20', 'gt')).toBe(int(1));
    expect(h.run('EXPIRE', 'k', '30', 'XX')).toBe(int(1));
    expect(h.run('TTL', 'k')).toBe(int(30));
  });

  it('rejects incompatible or unknown options with Redis texts', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v');
    expect(h.run('EXPIRE', 'k', '1', 'NX', 'XX')).toBe(
      err('ERR NX and XX, GT or LT options at the same time are not compatible'),
    );
    expect(h.run('EXPIRE', 'k', '1', 'GT', 'LT')).toBe(
      err('ERR GT and LT options at the same time are not compatible'),
    );
    expect(h.run('EXPIRE', 'k', '1', 'FOO')).toBe(err('ERR Unsupported option FOO'));
    // As redis-server 7.0: CR and LF trimmed off the end, spaces inside,
    // the text cut at a NUL byte.
    expect(h.run('EXPIRE', 'k', '1', ' M\r#\r\n')).toBe(err('ERR Unsupported option  M #'));
    expect(h.run('EXPIRE', 'k', '1', 'a\n\u0000b')).toBe(err('ERR Unsupported option a'));
    expect(h.run('EXPIRE', 'k', 'soon')).toBe(err('ERR value is not an integer or out of range'));
    expect(h.run('EXPIRE', 'k', '9223372036854775807')).toBe(
      err("ERR invalid expire time in 'expire' command"),
    );
    expect(h.run('TTL', 'k')).toBe(int(-1));
  });
});
