// Scores: what Redis 7.0 accepts as a score or a bound, and the exact %.17g text it replies with.
import { expect, it } from 'vitest';
import { formatScore, parseBoundScore, parseScore } from './scores.js';

it('parses and prints scores as Redis 7.0 (strtod, %.17g with ties to even)', () => {
  const cases: [number, string][] = [
    [1.1, '1.1000000000000001'],
    [2, '2'],
    [1e300, '1.0000000000000001e+300'],
    [0.1, '0.10000000000000001'],
    [3e-310, '2.9999999999999908e-310'],
    [Number('123456789012345678'), '1.2345678901234568e+17'],
    [Number('1234567890123456.25'), '1234567890123456.2'],
    [0.00001, '1.0000000000000001e-05'],
    [1e17, '1e+17'],
    [1e16, '10000000000000000'],
    [123.5e-7, '1.235e-05'],
    [-0, '-0'],
    [-2.5, '-2.5'],
    [0.0001, '0.0001'],
    [Number('1234567890123456.75'), '1234567890123456.8'],
    [5e-324, '4.9406564584124654e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ];
  for (const [v, t] of cases) expect(formatScore(v)).toBe(t);
  expect(parseScore('0x10')).toBe(16);
  expect(parseScore('0x1p-2')).toBe(0.25);
  expect(parseScore('0x1e5')).toBe(0x1e5);
  expect(parseScore('1e-400')).toBe(undefined);
  expect(parseScore('0e-400')).toBe(0);
  expect(parseScore('1e400')).toBe(undefined);
  expect(parseScore('-inf')).toBe(-Infinity);
  expect(parseScore('+Infinity')).toBe(Infinity);
  expect(parseScore('nan')).toBe(undefined);
  expect(parseScore(' 1')).toBe(undefined);
  expect(parseScore('1 ')).toBe(undefined);
  expect(parseScore('.5')).toBe(0.5);
  expect(parseScore('5.')).toBe(5);
  expect(parseBoundScore('')).toBe(0);
  expect(parseBoundScore(' 1')).toBe(1);
  expect(parseBoundScore('1e999')).toBe(Infinity);
  expect(parseBoundScore('1\0x')).toBe(1);
  expect(parseBoundScore('1x')).toBe(undefined);
});
