// INCRBYFLOAT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('INCRBYFLOAT', () => {
  it('adds and replies with the shortest decimal form as a bulk string', () => {
    const h = new CommandHarness();
    expect(h.run('INCRBYFLOAT', 'f', '10.50')).toBe(bulk('10.5'));
    expect(h.run('INCRBYFLOAT', 'f', '5.0e3')).toBe(bulk('5010.5'));
    expect(h.run('INCRBYFLOAT', 'f', '-5010.5')).toBe(bulk('0'));
    h.run('SET', 'g', '3.0');
    expect(h.run('INCRBYFLOAT', 'g', '0')).toBe(bulk('3'));
    expect(h.run('GET', 'g')).toBe(bulk('3'));
  });

  it('computes in long double as Redis does, not in double', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '0.1');
    // A double would give 0.30000000000000004.
    expect(h.run('INCRBYFLOAT', 'a', '0.2')).toBe(bulk('0.3'));
    h.run('SET', 'b', '5000');
    // 17 decimals of the long double nearest to 5000.0001.
    expect(h.run('INCRBYFLOAT', 'b', '0.0001')).toBe(bulk('5000.00010000000000021'));
    h.run('SET', 'c', '123456789012345678');
    expect(h.run('INCRBYFLOAT', 'c', '1')).toBe(bulk('123456789012345679'));
  });

  it('accepts what strtold accepts: hex, a bare point, a leading plus', () => {
    const h = new CommandHarness();
    expect(h.run('INCRBYFLOAT', 'a', '0x1.8p1')).toBe(bulk('3'));
    expect(h.run('INCRBYFLOAT', 'a', '.5')).toBe(bulk('3.5'));
    expect(h.run('INCRBYFLOAT', 'a', '+5.')).toBe(bulk('8.5'));
  });

  it('rejects out-of-range, spaced and empty numbers', () => {
    const h = new CommandHarness();
    for (const text of ['1e5000', '1e-5000', ' 1', '1 ', '', '1e', 'nan']) {
      expect(h.run('INCRBYFLOAT', 'a', text)).toBe(err('ERR value is not a valid float'));
    }
  });

  it('rejects values and increments that are not floats', () => {
    const h = new CommandHarness();
    expect(h.run('INCRBYFLOAT', 'f', 'abc')).toBe(err('ERR value is not a valid float'));
    h.run('SET', 'nan', 'nan');
    expect(h.run('INCRBYFLOAT', 'nan', '1')).toBe(err('ERR value is not a valid float'));
  });

  it('refuses to produce infinity', () => {
    const h = new CommandHarness();
    expect(h.run('INCRBYFLOAT', 'f', 'inf')).toBe(
      err('ERR increment would produce NaN or Infinity'),
    );
    expect(h.run('EXISTS', 'f')).toBe(':0\r\n');
  });

  it('refuses a value longer than Redis reads as a float without making it a string', () => {
    const h = new CommandHarness();
    h.run('SET', 'digits', '1'.repeat(5120));
    expect(h.run('INCRBYFLOAT', 'digits', '1')).toBe(err('ERR value is not a valid float'));
    // 512 MiB, more than V8 allows in one string (SETRANGE can make one).
    // allocUnsafe leaves its pages untouched: only a string would fill them.
    h.db.databases[0]!.set('huge', Buffer.allocUnsafe(512 * 1024 * 1024), h.now);
    expect(h.run('INCRBYFLOAT', 'huge', '1')).toBe(err('ERR value is not a valid float'));
  });
});
