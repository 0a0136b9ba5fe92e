/**
 * Sorted-set scores as Redis 7.0 reads and writes them: C doubles parsed
 * with `strtod` and printed with `%.17g`.
 *
 * Two parsers, because Redis has two. A score to store (ZADD, ZINCRBY,
 * WEIGHTS) goes through `getDoubleFromObject`: the whole argument must be
 * a number, with no leading space, and neither NaN nor out of range. A
 * range bound (ZRANGEBYSCORE's `(1.5`) goes through `zslParseRange`, a
 * bare `strtod` that only asks that parsing stop at the end of the text or
 * at a NUL byte: so `( 1`, `(` (zero) and `1e999` (infinity) are bounds.
 *
 * Printing: Redis 7.0 sends every score as `%.17g` (`1.1` comes back as
 * `1.1000000000000001`), which JavaScript has no format for, and whose
 * rounding (glibc's: exact, ties to even) `toPrecision` does not share
 * (it rounds ties up). `formatScore` builds the text from V8's digits and
 * falls back to exact BigInt arithmetic for the one case they can differ.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import { CommandError } from '../errors.js';

/** Redis's reply for a score that is not a number. */
export const NOT_A_FLOAT = 'ERR value is not a valid float';

// What C's strtod reads (after optional leading space, for bounds): a
// decimal or hexadecimal number, or an infinity. NaN is read too, and
// refused by both of Redis's callers, so it is not matched here.
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX =
  /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;
// C's isspace.
const LEADING_SPACE = /^[ \t\n\v\f\r]+/;

// strtod of `text`, which must be all number; undefined when it is not one.
function strtod(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const infinity = INFINITY.exec(text);
  if (infinity !== null) return infinity[1] === '-' ? -Infinity : Infinity;
  const hex = HEX.exec(text);
  if (hex === null) return undefined;
  const [, sign, whole = '', fraction = '', fractionOnly, exponent = '0'] = hex;
  const digits = fractionOnly === undefined ? whole + fraction : fractionOnly;
  const shift =
    Number(exponent) - 4 * (fractionOnly === undefined ? fraction.length : fractionOnly.length);
  // Number(BigInt) rounds to nearest; scaling by powers of two is then
  // exact unless the result is subnormal (a double rounding Redis would
  // not make; hex scores that small are not met in practice). Steps of at
  // most 2^±1000 keep each factor a finite, normal double.
  let value = Number(BigInt(`0x${digits || '0'}`));
  let rest = shift;
  for (; rest > 1000; rest -= 1000) value *= 2 ** 1000;
  for (; rest < -1000; rest += 1000) value *= 2 ** -1000;
  value *= 2 ** rest;
  return sign === '-' ? -value : value;
}

/**
 * A score to store, as Redis's getDoubleFromObject reads it; undefined
 * when Redis would refuse it (empty, leading space, trailing text, NaN,
 * or a magnitude that overflows or underflows to zero).
 */
export function parseScore(text: string): number | undefined {
  if (text.length === 0 || LEADING_SPACE.test(text)) return undefined;
  const value = strtod(text);
  if (value === undefined) return undefined;
  // strtod's ERANGE: an overflow to infinity from finite digits, or a
  // non-zero number that underflows to zero.
  if (!Number.isFinite(value) && !INFINITY.test(text)) return undefined;
  if (value === 0 && hasNonZeroDigit(text)) return undefined;
  return value;
}

// Whether the digits before the exponent of a number strtod read hold a
// non-zero one (then a zero result is an underflow).
function hasNonZeroDigit(text: string): boolean {
  const hex = /^[+-]?0[xX]([^pP]*)/.exec(text);
  if (hex !== null) return /[1-9a-fA-F]/.test(hex[1]!);
  return /[1-9]/.test(text.split(/[eE]/)[0]!);
}

/** Argument `i` as a score to store; `message` (a CommandError) when it is not one. */
export function scoreArg(args: RequestArgs, i: number, message = NOT_A_FLOAT): number {
  const score = parseScore(args.latin1(i));
  if (score === undefined) throw new CommandError(message);
  return score;
}

/**
 * A score bound's number as zslParseRange reads it (after the `(`, if
 * any): strtod up to the first NUL byte, leading space allowed, any
 * magnitude (overflow is infinity, underflow zero), the empty text zero;
 * undefined for trailing text or NaN.
 */
export function parseBoundScore(text: string): number | undefined {
  const nul = text.indexOf('\0');
  const number = (nul === -1 ? text : text.slice(0, nul)).replace(LEADING_SPACE, '');
  // strtod reads nothing from the empty text and stops at its end.
  if (number === '') return 0;
  return strtod(number);
}

/**
 * `score` as Redis 7.0's addReplyDouble prints it: `inf`, `-inf`, or C's
 * `%.17g` (17 significant digits, trailing zeros dropped, an exponent
 * below -4 or from 17 up).
 */
export function formatScore(score: number): string {
  if (score === Infinity) return 'inf';
  if (score === -Infinity) return '-inf';
  // Integers of up to 17 digits print as themselves: the common case.
  if (Number.isInteger(score) && Math.abs(score) < 1e17)
    return Object.is(score, -0) ? '-0' : String(score);
  const negative = score < 0;
  const [digits, exponent] = significantDigits(Math.abs(score));
  let text: string;
  if (exponent < -4 || exponent >= 17) {
    const mantissa = stripZeros(`${digits[0]}.${digits.slice(1)}`);
    const e = Math.abs(exponent);
    text = `${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  } else if (exponent >= 0) {
    text = stripZeros(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`);
  } else {
    text = stripZeros(`0.${'0'.repeat(-exponent - 1)}${digits}`);
  }
  return negative ? `-${text}` : text;
}

/**
 * `score` as Redis 7.0's d2string writes it into a sorted set's listpack
 * (and so into RDB files and MEMORY USAGE's sizes): an integral score
 * between -(2^52 - 1) and 2^52 as an integer, anything else as `%.17g`.
 */
export function d2string(score: number): Buffer {
  if (Number.isNaN(score)) return Buffer.from('nan');
  if (score === 0) return Buffer.from(Object.is(score, -0) ? '-0' : '0');
  if (score > -4503599627370495 && score < 4503599627370496 && Number.isInteger(score))
    return Buffer.from(String(score));
  return Buffer.from(formatScore(score), 'latin1');
}

/** Writes `score` as Redis 7.0 does: a RESP3 double, or a bulk string in RESP2. */
export function replyScore(reply: ReplyEncoder, score: number): void {
  reply.double(score, formatScore(score));
}

// Drops a fraction's trailing zeros, and its point when nothing is left.
function stripZeros(text: string): string {
  return text.replace(/\.?0+$/, '');
}

// The 17 significant digits of `value` (positive, finite), rounded as
// glibc rounds (exactly, ties to even), and the decimal exponent of the
// first.
function significantDigits(value: number): [string, number] {
  // V8's toExponential(16) is correctly rounded except at an exact tie,
  // which it rounds up. A tie at 17 digits has an exact expansion of 18
  // digits ending in 5, which toExponential(17) then shows unrounded.
  const eighteen = value.toExponential(17);
  if (eighteen[18] !== '5') {
    const seventeen = value.toExponential(16);
    const e = seventeen.indexOf('e');
    return [seventeen[0]! + seventeen.slice(2, e), Number(seventeen.slice(e + 1))];
  }
  return exactSignificantDigits(value);
}

// significantDigits from the exact value: a double is m * 2^k, so its
// decimal expansion is finite and BigInt can hold it whole.
function exactSignificantDigits(value: number): [string, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mantissa |= 1n << 52n;
  const power = (biased === 0 ? 1 : biased) - 1075;
  // value = digits * 10^-scale, exactly.
  let digits: string;
  let scale: number;
  if (power >= 0) {
    digits = (mantissa << BigInt(power)).toString();
    scale = 0;
  } else {
    digits = (mantissa * 5n ** BigInt(-power)).toString();
    scale = -power;
  }
  let exponent = digits.length - 1 - scale;
  if (digits.length <= 17) return [digits.padEnd(17, '0'), exponent];
  let head = BigInt(digits.slice(0, 17));
  const rest = digits.slice(17);
  const half = rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)));
  const tie = rest[0] === '5' && !/[1-9]/.test(rest.slice(1));
  if (half || (tie && head % 2n === 1n)) head += 1n;
  let rounded = head.toString();
  if (rounded.length > 17) {
    rounded = rounded.slice(0, 17);
    exponent++;
  }
  return [rounded, exponent];
}
