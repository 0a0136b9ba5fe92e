// formatFixed: C's %.Nf as glibc prints doubles (exact value, ties to even).
import { describe, expect, it } from 'vitest';
import { formatFixed } from './fixed-decimals.js';

describe('formatFixed', () => {
  it('rounds to the given decimals', () => {
    expect(formatFixed(136257.17526786399, 4)).toBe('136257.1753');
    expect(formatFixed(0, 4)).toBe('0.0000');
    expect(formatFixed(200, 6)).toBe('200.000000');
    expect(formatFixed(-85.06, 6)).toBe('-85.060000');
  });

  it('rounds an exact tie to the even digit, where toFixed rounds up', () => {
    // 0.5^5 = 0.03125 is exact: a tie at 4 decimals.
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect(formatFixed(0.09375, 4)).toBe('0.0938');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(45 / 2 ** 18, 17)).toBe('0.00017166137695312');
    // 1.005 is not a tie (its double is below): as printf has it.
    expect(formatFixed(1.005, 2)).toBe('1.00');
  });

  it('prints large values in full, and the sign of zero, as printf does', () => {
    expect(formatFixed(1e21, 2)).toBe('1000000000000000000000.00');
    expect(formatFixed(2 ** 70, 1)).toBe('1180591620717411303424.0');
    // The exact value of the double nearest -1e300, all 301 digits.
    const text = formatFixed(-1e300, 0);
    expect(text).toHaveLength(302);
    expect(text.startsWith('-100000000000000005250476025520442024870')).toBe(true);
    expect(formatFixed(-0, 4)).toBe('-0.0000');
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
    expect(formatFixed(Infinity, 4)).toBe('inf');
    expect(formatFixed(-Infinity, 6)).toBe('-inf');
  });
});
