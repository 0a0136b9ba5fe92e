// The long double arithmetic behind INCRBYFLOAT. Expected texts are what
// redis-server 7.0.15 (x86-64) printed for the same sums.
import { describe, expect, it } from 'vitest';
import { addLongDouble, formatLongDouble, parseLongDouble, ZERO } from './long-double.js';

function sum(a: string, b: string): string | null {
  const left = parseLongDouble(a);
  const right = parseLongDouble(b);
  if (left === undefined || right === undefined) throw new Error('not a float');
  const result = addLongDouble(left, right);
  return result === null ? null : formatLongDouble(result);
}

describe('long double', () => {
  it('adds with one rounding to a 64-bit significand, as Redis does', () => {
    expect(sum('0.1', '0.2')).toBe('0.3');
    expect(sum('5000', '0.0001')).toBe('5000.00010000000000021');
    expect(sum('3', '1.1')).toBe('4.1');
    expect(sum('123456789012345678', '1')).toBe('123456789012345679');
    expect(sum('-1', '1')).toBe('0');
    expect(sum('-1', '0.5')).toBe('-0.5');
  });

  it('prints every digit of a huge value', () => {
    expect(sum('1e300', '1e300')).toBe(
      '2000000000000000000017994648159118387741047888546581495876520164642531293192361871511698304167500994380700745017228549671807185112369345967826192521041497292574654271283687306588168510215212033579453305864740061102765895241989080589545563779241212358535223254194821301134374772211380178849830208012288',
    );
  });

  it('rounds the 17th decimal to nearest, ties to even, as glibc printf does', () => {
    expect(sum('0.000003814697265625', '0')).toBe('0.00000381469726562');
    expect(sum('0.000011444091796875', '0')).toBe('0.00001144409179688');
  });

  it('parses what strtold parses and refuses what Redis refuses', () => {
    expect(sum('0x1.8p1', '0')).toBe('3');
    expect(sum('0x10', '.5')).toBe('16.5');
    expect(sum('5.', '+1')).toBe('6');
    // A subnormal is a valid float; printed with 17 decimals it is 0.
    expect(sum('1e-4940', '0')).toBe('0');
    for (const text of ['', ' 1', '1 ', '1e', '0x', 'nan', '1_0', '1e5000', '1e-5000', 'infinit']) {
      expect(parseLongDouble(text)).toBeUndefined();
    }
    expect(parseLongDouble('x'.repeat(6000))).toBeUndefined();
  });

  it('accepts infinities as operands but never as a result', () => {
    const infinity = parseLongDouble('-Infinity');
    expect(infinity?.infinite).toBe(true);
    expect(addLongDouble(infinity!, ZERO)).toBeNull();
    // The largest finite long double plus a large value overflows.
    expect(sum('1.18973149535723176502e+4932', '1e4932')).toBeNull();
  });
});
