import { describe, expect, it } from 'vitest';
import { compareIds, formatId, nextId, parseId, previousId, UINT64_MAX } from './stream-ids.js';

const LOOSE = { strict: false, missingSeq: 0n };
const STRICT = { strict: true, missingSeq: 7n };
const text = (value: string, syntax = LOOSE) => {
  const id = parseId(value, syntax);
  return id === undefined ? undefined : formatId(id);
};

describe('stream IDs', () => {
  it('parse as Redis reads them, strtoull included', () => {
    expect(text('5-3')).toBe('5-3');
    expect(text('5', STRICT)).toBe('5-7');
    expect(text('-')).toBe('0-0');
    expect(text('+')).toBe(`${UINT64_MAX}-${UINT64_MAX}`);
    expect(text('-', STRICT)).toBeUndefined();
    expect(text('+', STRICT)).toBeUndefined();
    // string2ull's strtoull fallback: leading zeros, spaces and a sign.
    expect(text('007-01')).toBe('7-1');
    expect(text(' 5')).toBe('5-0');
    expect(text('+5')).toBe('5-0');
    expect(text('1--5')).toBeUndefined();
    expect(text('1- -05')).toBe(`1-${2n ** 64n - 5n}`);
    expect(text('18446744073709551616')).toBeUndefined();
    expect(text('1-')).toBeUndefined();
    expect(text('1-x')).toBeUndefined();
    expect(text('')).toBeUndefined();
    expect(text('1'.repeat(128))).toBeUndefined();
  });

  it('take <ms>-* only where asked', () => {
    const autoSeq = { value: false };
    expect(formatId(parseId('5-*', STRICT, autoSeq)!)).toBe('5-0');
    expect(autoSeq.value).toBe(true);
    expect(parseId('5-*', STRICT)).toBeUndefined();
  });

  it('step and compare across the halves', () => {
    expect(formatId(nextId({ ms: 1n, seq: UINT64_MAX })!)).toBe('2-0');
    expect(nextId({ ms: UINT64_MAX, seq: UINT64_MAX })).toBeUndefined();
    expect(formatId(previousId({ ms: 2n, seq: 0n })!)).toBe(`1-${UINT64_MAX}`);
    expect(previousId({ ms: 0n, seq: 0n })).toBeUndefined();
    expect(compareIds({ ms: 1n, seq: 9n }, { ms: 2n, seq: 0n })).toBe(-1);
    expect(compareIds({ ms: 2n, seq: 1n }, { ms: 2n, seq: 0n })).toBe(1);
  });
});
