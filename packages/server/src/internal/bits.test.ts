// The bit helpers against a bit-by-bit reading of the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitAt, countBits, findBit, resolveBitRange } from './bits.js';

// Bit i of `bytes`, most significant first, read one at a time.
function bits(bytes: Uint8Array): number[] {
  const all: number[] = [];
  for (const byte of bytes) for (let b = 7; b >= 0; b--) all.push((byte >> b) & 1);
  return all;
}

describe('bits', () => {
  it('bitAt numbers bits from the most significant of the first byte, 0 past the end', () => {
    const value = Uint8Array.from([0b1000_0001, 0b0100_0000]);
    expect([0, 1, 7, 8, 9, 16, 1000].map((offset) => bitAt(value, offset))).toEqual([
      1, 0, 1, 0, 1, 0, 0,
    ]);
  });

  it('countBits and findBit agree with a bit-by-bit reading, for any range', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: -400, max: 400 }),
        fc.boolean(),
        fc.constantFrom(0 as const, 1 as const),
        (value, start, end, inBits, bit) => {
          const range = resolveBitRange(start, end, inBits, value.length);
          const all = bits(value);
          const inRange = all.slice(range.first, range.last + 1);
          expect(countBits(value, range)).toBe(inRange.filter((b) => b === 1).length);
          const index = inRange.indexOf(bit);
          expect(findBit(value, bit, range)).toBe(index === -1 ? -1 : range.first + index);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('resolves ranges as Redis does: negatives from the end, clamped, whole bytes unless in bits', () => {
    expect(resolveBitRange(1, 1, false, 6)).toEqual({ first: 8, last: 15 });
    expect(resolveBitRange(-2, -1, false, 6)).toEqual({ first: 32, last: 47 });
    expect(resolveBitRange(5, 30, true, 6)).toEqual({ first: 5, last: 30 });
    expect(resolveBitRange(-100, 100, false, 2)).toEqual({ first: 0, last: 15 });
    expect(resolveBitRange(2n ** 62n, -(2n ** 62n), false, 2)).toEqual({ first: 1, last: 0 });
  });
});
