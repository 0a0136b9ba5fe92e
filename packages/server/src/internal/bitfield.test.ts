// BITFIELD's arithmetic: exact values, Redis's quirks included (each was
// checked against redis-server 7.0.15 by the differential tests).
import { describe, expect, it } from 'vitest';
import { checkSigned, checkUnsigned, getSigned, getUnsigned, setField } from './bitfield.js';

describe('bitfield arithmetic', () => {
  it('reads and writes fields most significant bit first, across byte edges', () => {
    const bytes = new Uint8Array(3);
    setField(bytes, 4, 8, 0xabn);
    expect([...bytes]).toEqual([0x0a, 0xb0, 0x00]);
    expect(getUnsigned(bytes, 4, 8)).toBe(0xabn);
    expect(getSigned(bytes, 4, 8)).toBe(-85n);
    // Past the end reads as zeros.
    expect(getUnsigned(bytes, 20, 8)).toBe(0n);
    setField(bytes, 0, 24, -1n);
    expect(getSigned(bytes, 0, 24)).toBe(-1n);
    expect(getUnsigned(bytes, 0, 24)).toBe(0xffffffn);
  });

  it('wraps, saturates or fails unsigned fields', () => {
    expect(checkUnsigned(14n, 20n, 4, 'WRAP')).toEqual({ overflow: 1, limit: 2n });
    expect(checkUnsigned(14n, 20n, 4, 'SAT')).toEqual({ overflow: 1, limit: 15n });
    expect(checkUnsigned(14n, 20n, 4, 'FAIL')).toEqual({ overflow: 1 });
    expect(checkUnsigned(2n, -30n, 4, 'WRAP')).toEqual({ overflow: -1, limit: 4n });
    expect(checkUnsigned(2n, -30n, 4, 'SAT')).toEqual({ overflow: -1, limit: 0n });
    expect(checkUnsigned(2n, 13n, 4, 'SAT')).toEqual({ overflow: 0 });
  });

  it('wraps, saturates or fails signed fields, 64 bits included', () => {
    expect(checkSigned(-100n, -100n, 8, 'WRAP')).toEqual({ overflow: -1, limit: 56n });
    expect(checkSigned(-100n, -100n, 8, 'SAT')).toEqual({ overflow: -1, limit: -128n });
    expect(checkSigned(100n, 500n, 8, 'SAT')).toEqual({ overflow: 1, limit: 127n });
    expect(checkSigned(-(2n ** 63n), -1n, 64, 'WRAP')).toEqual({
      overflow: -1,
      limit: 2n ** 63n - 1n,
    });
    expect(checkSigned(-1n, -(2n ** 63n) + 1n, 64, 'SAT')).toEqual({ overflow: 0 });
  });

  it('keeps Redis’s quirk: SET i8 of -2^63 under SAT saturates to the maximum', () => {
    // `max - value` overflows int64 in Redis's check, so it takes the
    // overflow branch, not the underflow one.
    expect(checkSigned(-(2n ** 63n), 0n, 8, 'SAT')).toEqual({ overflow: 1, limit: 127n });
  });
});
