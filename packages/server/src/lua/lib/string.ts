/**
 * Lua 5.1's string library (every function Redis 7.0 leaves: byte, char,
 * dump, find, format, gfind, gmatch, gsub, len, lower, match, rep,
 * reverse, sub, upper), set as the strings' metatable's __index so
 * `s:upper()` works. Strings are byte strings; case mapping is the C
 * locale's (ASCII only).
 *
 * @module
 */

import { callFromNative, NO_VALUES, stringMetatable } from '../operations.js';
import { LuaTable } from '../table.js';
import {
  exponentialDigits,
  fixedDigits,
  formatG,
  LuaError,
  type LuaFunction,
  luaType,
  numberToString,
  signBit,
} from '../value.js';
import {
  argError,
  checkInt,
  checkInteger,
  checkNumber,
  checkString,
  optInt,
  optInteger,
  toInt,
  toInteger,
} from './args.js';
import { doMatch, MatchState } from './pattern.js';

/** The longest string a script may build here (JavaScript's own limit is near 512 MB; Redis's proto-max-bulk-len is 512 MB). */
const MAX_STRING = 512 * 1024 * 1024 - 64;

// A relative string position (negative counts from the end), as posrelat.
function position(pos: number, length: number): number {
  return pos >= 0 ? pos : -pos > length ? 0 : length + pos + 1;
}

// lstrlib.c's SPECIALS ("^$*+?.([%-"): a pattern with none of them is
// found as plain text (so 'a)' is looked for, not an invalid capture).
const SPECIALS = /[\^$*+?.([%-]/;

function find(args: unknown[], name: string, isFind: boolean): unknown[] {
  const s = checkString(args, 0, name);
  const pattern = checkString(args, 1, name);
  let init = position(optInteger(args, 2, name, 1), s.length) - 1;
  if (init < 0) init = 0;
  else if (init > s.length) init = s.length;
  // A plain find (asked for, or nothing special in the pattern).
  if (isFind && ((args[3] !== undefined && args[3] !== false) || !SPECIALS.test(pattern))) {
    const at = s.indexOf(pattern, init);
    return at < 0 ? [undefined] : [at + 1, at + pattern.length];
  }
  const anchor = pattern[0] === '^';
  const p = anchor ? 1 : 0;
  let start = init;
  do {
    const ms = new MatchState(s, pattern);
    const end = doMatch(ms, start, p);
    if (end !== -1) {
      if (isFind) return [start + 1, end, ...ms.captures(start, end, false)];
      return ms.captures(start, end, true);
    }
    start++;
  } while (start <= s.length && !anchor);
  return [undefined];
}

function gmatch(args: unknown[]): unknown[] {
  const s = checkString(args, 0, 'gmatch');
  const pattern = checkString(args, 1, 'gmatch');
  let at = 0;
  const iterator: LuaFunction = () => {
    for (let start = at; start <= s.length; start++) {
      const ms = new MatchState(s, pattern);
      const end = doMatch(ms, start, 0);
      if (end !== -1) {
        // An empty match moves on one char, so the loop ends.
        at = end === start ? end + 1 : end;
        return ms.captures(start, end, true);
      }
    }
    at = s.length + 1;
    return [undefined];
  };
  return [iterator];
}

function gsub(args: unknown[]): unknown[] {
  const src = checkString(args, 0, 'gsub');
  const pattern = checkString(args, 1, 'gsub');
  const repl = args[2];
  const replType = luaType(repl);
  if (
    replType !== 'number' &&
    replType !== 'string' &&
    replType !== 'table' &&
    replType !== 'function'
  )
    argError(3, 'gsub', 'string/function/table expected');
  const maxN = optInt(args, 3, 'gsub', src.length + 1);
  const anchor = pattern[0] === '^';
  const p = anchor ? 1 : 0;
  let s = 0;
  let n = 0;
  let out = '';
  while (n < maxN) {
    const ms = new MatchState(src, pattern);
    const e = doMatch(ms, s, p);
    if (e !== -1) {
      n++;
      out += replacement(ms, s, e, repl);
    }
    if (e !== -1 && e > s) s = e;
    else if (s < src.length) out += src[s++];
    else break;
    if (anchor) break;
  }
  out += src.slice(s);
  return [out, n];
}

function replacement(ms: MatchState, s: number, e: number, repl: unknown): string {
  const whole = ms.src.slice(s, e);
  let value: unknown;
  if (typeof repl === 'string' || typeof repl === 'number') {
    const text = typeof repl === 'number' ? numberToString(repl) : repl;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '%') {
        out += c;
        continue;
      }
      i++;
      const d = text[i];
      // A '%' that ends the replacement escapes the C string's terminating
      // NUL, which Lua 5.1's add_s then copies.
      if (d === undefined || d < '0' || d > '9') out += d ?? '\0';
      else if (d === '0') out += whole;
      else {
        const capture = ms.capture(d.charCodeAt(0) - 49, s, e);
        out += typeof capture === 'number' ? numberToString(capture) : capture;
      }
    }
    return out;
  }
  const first = ms.capture(0, s, e);
  if (repl instanceof LuaTable) value = repl.get(first);
  else value = callFromNative(repl, ms.captures(s, e, true))[0];
  if (value === undefined || value === false) return whole;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  throw new LuaError(`invalid replacement value (a ${luaType(value)})`, 1);
}

// A double cast to C's unsigned long, as GCC does it on x86-64: below
// 2^63 through the signed cast (so -1 is 2^64 - 1, and NaN 2^63); from 2^63
// through the signed cast of x - 2^63 with the top bit flipped, which
// gives 0 for anything past 2^64.
function toUnsigned(x: number): bigint {
  // NaN compares unordered and takes the signed path (to 2^63).
  if (!(x >= 2 ** 63)) return BigInt.asUintN(64, BigInt(toInteger(x)));
  return BigInt.asUintN(64, BigInt(toInteger(x - 2 ** 63))) ^ (1n << 63n);
}

// What C sees of a string: up to its first NUL.
function beforeNul(text: string): string {
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

// %q: the string quoted so Lua reads it back.
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === '\\' || c === '\n') out += `\\${c}`;
    else if (c === '\r') out += '\\r';
    else if (c === '\0') out += '\\000';
    else out += c;
  }
  return `${out}"`;
}

function pad(text: string, flags: string, width: number, numeric: boolean): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[+\- ]/.test(text) ? text[0]! : '';
    const prefix = /^[+\- ]?0[xX]/.test(text) ? text.slice(0, sign.length + 2) : sign;
    return prefix + text.slice(prefix.length).padStart(width - prefix.length, '0');
  }
  return text.padStart(width);
}

function signed(text: string, negative: boolean, flags: string): string {
  if (negative) return `-${text}`;
  if (flags.includes('+')) return `+${text}`;
  if (flags.includes(' ')) return ` ${text}`;
  return text;
}

function formatNumber(
  conversion: string,
  n: number,
  flags: string,
  precision: number | undefined,
): string {
  // The sign bit: -0 and a negative NaN print their '-', as in glibc.
  const negative = signBit(n);
  const a = Math.abs(n);
  if (!Number.isFinite(a)) {
    const text = Number.isNaN(n) ? 'nan' : 'inf';
    return signed(
      conversion === conversion.toUpperCase() ? text.toUpperCase() : text,
      negative,
      flags,
    );
  }
  let text: string;
  switch (conversion) {
    case 'f':
    case 'F':
      text = fixedDigits(a, precision ?? 6);
      if (flags.includes('#') && precision === 0) text += '.';
      break;
    case 'e':
    case 'E': {
      text = exponentialDigits(a, precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      if (flags.includes('#') && precision === 0) text = text.replace('e', '.e');
      break;
    }
    default:
      text = formatG(a, precision ?? 6, flags.includes('#'));
  }
  if (conversion === 'E' || conversion === 'G') text = text.toUpperCase();
  return signed(text, negative, flags);
}

function format(args: unknown[]): unknown[] {
  const form = checkString(args, 0, 'format');
  let out = '';
  let arg = 0;
  for (let i = 0; i < form.length; i++) {
    const c = form[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    if (form[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    // Lua 5.1 wants the argument before it reads the specification: a
    // missing one is "no value", whatever follows the '%'.
    arg++;
    if (arg >= args.length) argError(arg + 1, 'format', 'no value');
    const spec = /^([-+ #0]*)(\d*)(?:\.(\d*))?(.?)/.exec(form.slice(i + 1))!;
    const [whole, flags, widthText, precisionText, conversion] = spec as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    if (flags.length > 5) throw new LuaError('invalid format (repeated flags)', 1);
    if (widthText.length > 2 || (precisionText?.length ?? 0) > 2)
      throw new LuaError('invalid format (width or precision too long)', 1);
    i += whole.length;
    const width = widthText === '' ? 0 : Number(widthText);
    const precision = precisionText === undefined ? undefined : Number(precisionText || '0');
    switch (conversion) {
      case 'c':
        // The formatted buffer's length is taken with strlen: a NUL ends it.
        out += beforeNul(
          pad(
            String.fromCharCode(toInt(checkNumber(args, arg, 'format')) & 0xff),
            flags,
            width,
            false,
          ),
        );
        break;
      case 'd':
      case 'i': {
        const n = toInteger(checkNumber(args, arg, 'format'));
        // Through BigInt: -2^63 prints exactly.
        let digits = (n < 0 ? -BigInt(n) : BigInt(n)).toString();
        if (precision !== undefined)
          digits = precision === 0 && n === 0 ? '' : digits.padStart(precision, '0');
        out += pad(
          signed(digits, n < 0, flags),
          precision === undefined ? flags : flags.replace('0', ''),
          width,
          true,
        );
        break;
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const n = toUnsigned(checkNumber(args, arg, 'format'));
        const radix = conversion === 'o' ? 8 : conversion === 'u' ? 10 : 16;
        let digits = n.toString(radix);
        if (conversion === 'X') digits = digits.toUpperCase();
        if (precision !== undefined)
          digits = precision === 0 && n === 0n ? '' : digits.padStart(precision, '0');
        if (flags.includes('#') && n !== 0n) {
          if (conversion === 'x') digits = `0x${digits}`;
          else if (conversion === 'X') digits = `0X${digits}`;
          else if (conversion === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
        }
        out += pad(digits, precision === undefined ? flags : flags.replace('0', ''), width, true);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'g':
      case 'G':
        out += pad(
          formatNumber(conversion, checkNumber(args, arg, 'format'), flags, precision),
          flags,
          width,
          true,
        );
        break;
      case 'q':
        out += quote(checkString(args, arg, 'format'));
        break;
      case 's': {
        // Lua 5.1 keeps a long string whole when no precision is given;
        // otherwise C's sprintf formats it, which stops at a NUL.
        let text = checkString(args, arg, 'format');
        if (precision === undefined && text.length >= 100) {
          out += text;
          break;
        }
        text = beforeNul(text);
        if (precision !== undefined) text = text.slice(0, precision);
        out += pad(text, flags, width, false);
        break;
      }
      default:
        throw new LuaError(`invalid option '%${conversion}' to 'format'`, 1);
    }
  }
  return [out];
}

/** Builds the string library table and makes it the strings' __index. */
export function openString(globals: LuaTable): void {
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  define('len', (args) => [checkString(args, 0, 'len').length]);
  define('sub', (args) => {
    const s = checkString(args, 0, 'sub');
    let start = position(checkInteger(args, 1, 'sub'), s.length);
    let end = position(optInteger(args, 2, 'sub', -1), s.length);
    if (start < 1) start = 1;
    if (end > s.length) end = s.length;
    return [start <= end ? s.slice(start - 1, end) : ''];
  });
  define('upper', (args) => [
    checkString(args, 0, 'upper').replace(/[a-z]+/g, (m) => m.toUpperCase()),
  ]);
  define('lower', (args) => [
    checkString(args, 0, 'lower').replace(/[A-Z]+/g, (m) => m.toLowerCase()),
  ]);
  define('rep', (args) => {
    const s = checkString(args, 0, 'rep');
    const n = checkInt(args, 1, 'rep');
    if (n <= 0 || s.length === 0) return [''];
    if (s.length * n > MAX_STRING) throw new LuaError('not enough memory', 0);
    return [s.repeat(n)];
  });
  define('reverse', (args) => [[...checkString(args, 0, 'reverse')].reverse().join('')]);
  define('byte', (args) => {
    const s = checkString(args, 0, 'byte');
    const start = position(optInteger(args, 1, 'byte', 1), s.length);
    const end = position(args[2] === undefined ? start : checkInteger(args, 2, 'byte'), s.length);
    const from = Math.max(start, 1);
    const to = Math.min(end, s.length);
    if (from > to) return NO_VALUES;
    const codes: number[] = [];
    for (let i = from; i <= to; i++) codes.push(s.charCodeAt(i - 1));
    return codes;
  });
  define('char', (args) => {
    let out = '';
    for (let i = 0; i < args.length; i++) {
      const code = checkInt(args, i, 'char');
      if (code < 0 || code > 255) argError(i + 1, 'char', 'invalid value');
      out += String.fromCharCode(code);
    }
    return [out];
  });
  define('format', format);
  define('find', (args) => find(args, 'find', true));
  define('match', (args) => find(args, 'match', false));
  define('gmatch', gmatch);
  define('gfind', gmatch);
  define('gsub', gsub);
  define('dump', () => {
    throw new LuaError('unable to dump given function', 1);
  });
  globals.set('string', lib);
  // Redis protects the strings' metatable too: a script must not change
  // how every later script's strings behave. It is shared by every
  // sandbox here, so each new string library is put in behind the guard.
  stringMetatable.readonly = false;
  stringMetatable.set('__index', lib);
  stringMetatable.readonly = true;
}
