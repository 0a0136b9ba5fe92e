// HINCRBYFLOAT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('HINCRBYFLOAT', () => {
  it('adds in long double as Redis does, and stores the result as text', () => {
    const h = new CommandHarness();
    expect(h.run('HINCRBYFLOAT', 'h', 'f', '0.1')).toBe(bulk('0.1'));
    expect(h.run('HINCRBYFLOAT', 'h', 'f', '0.2')).toBe(bulk('0.3'));
    expect(h.run('HINCRBYFLOAT', 'h', 'f', '2.7')).toBe(bulk('3'));
    expect(h.run('HGET', 'h', 'f')).toBe(bulk('3'));
  });

  it('refuses non-floats, infinities and an infinite result', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'word', 'abc', 'huge', '1e4932');
    expect(h.run('HINCRBYFLOAT', 'h', 'word', '1')).toBe(err('ERR hash value is not a float'));
    expect(h.run('HINCRBYFLOAT', 'h', 'f', 'x')).toBe(err('ERR value is not a valid float'));
    expect(h.run('HINCRBYFLOAT', 'h', 'f', 'inf')).toBe(err('ERR value is NaN or Infinity'));
    expect(h.run('HINCRBYFLOAT', 'h', 'huge', '1e4932')).toBe(
      err('ERR increment would produce NaN or Infinity'),
    );
    expect(h.run('HEXISTS', 'h', 'f')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HINCRBYFLOAT', 's', 'a', '1')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });
});
