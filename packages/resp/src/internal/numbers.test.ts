import { describe, expect, it } from 'vitest';
import { parseRequestLength } from './numbers.js';

function parse(text: string): number {
  // Padded on both sides: the parser must read only [start, end).
  const buf = Buffer.from(`9${text}0`, 'latin1');
  return parseRequestLength(buf, 1, buf.length - 1);
}

describe('parseRequestLength (Redis string2ll)', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['-1', -1],
    ['16384', 16384],
    ['-9007199254740991', -9007199254740991],
  ])('reads %j', (text, value) => {
    expect(parse(text)).toBe(value);
  });

  // Past 2^53 the value is inexact (the documented contract), but on the
  // right side of every limit.
  it.each(['9223372036854775807', '-9223372036854775808', '-999999999999999999'])(
    'reads %j near its value',
    (text) => {
      expect(parse(text) / Number(text)).toBeCloseTo(1, 12);
    },
  );

  it.each([
    '',
    '-',
    '-0',
    '00',
    '01',
    '-01',
    '+1',
    ' 1',
    '1 ',
    '1x',
    '9223372036854775808',
    '-9223372036854775809',
    '99999999999999999999',
    '100000000000000000000',
  ])('refuses %j', (text) => {
    expect(parse(text)).toBeNaN();
  });
});
