/**
 * lua-cjson as Redis bundles it: cjson.encode and cjson.decode with its
 * defaults (numbers with 14 significant digits, '/' escaped, a table with
 * only positive integer keys is an array unless excessively sparse,
 * nesting up to 1000) and its configuration functions. cjson.null is a
 * userdata standing for JSON's null.
 *
 * Objects are written in the table's iteration order (table.ts), which
 * can differ from Redis's hash order.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { LuaTable } from '../table.js';
import {
  formatG,
  LuaError,
  type LuaFunction,
  LuaUserdata,
  luaType,
  strtodPrefix,
} from '../value.js';
import { argError, checkInteger, checkString, toInt } from './args.js';

/** cjson.null. */
export const JSON_NULL = new LuaUserdata('null');

interface Settings {
  encodeMaxDepth: number;
  decodeMaxDepth: number;
  precision: number;
  sparseConvert: boolean;
  sparseRatio: number;
  sparseSafe: number;
  /** 0: refused, 1: written as nan/inf, 2: written as null ("off", "on", "null"). */
  encodeInvalidNumbers: number;
  decodeInvalidNumbers: boolean;
  keepBuffer: boolean;
}

function escapeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const c = s[i]!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '/') out += '\\/';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

// The array length of a table that is one (every key a positive integer), else -1.
function arrayLength(table: LuaTable, settings: Settings): number {
  let max = 0;
  let items = 0;
  for (let entry = table.next(undefined); entry !== undefined; entry = table.next(entry[0])) {
    const key = entry[0];
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 1) return -1;
    // lua_array_length keeps the largest key in a C int: a key past 2^31
    // becomes INT_MIN there, and the table is then written as an object.
    if (key > max) max = toInt(key);
    items++;
  }
  if (settings.sparseRatio > 0 && max > settings.sparseSafe && max > items * settings.sparseRatio) {
    if (!settings.sparseConvert)
      throw new LuaError('Cannot serialise table: excessively sparse array', 1);
    return -1;
  }
  return max;
}

function encodeNumber(n: number, settings: Settings): string {
  if (!Number.isFinite(n)) {
    if (settings.encodeInvalidNumbers === 0)
      throw new LuaError('Cannot serialise number: must not be NaN or Inf', 1);
    if (settings.encodeInvalidNumbers === 2) return 'null';
    return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  }
  return formatG(n, settings.precision);
}

function encode(value: unknown, settings: Settings, depth: number): string {
  switch (typeof value) {
    case 'string':
      return escapeString(value);
    case 'number':
      return encodeNumber(value, settings);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    default:
      if (value === JSON_NULL) return 'null';
      if (!(value instanceof LuaTable))
        throw new LuaError(`Cannot serialise ${luaType(value)}: type not supported`, 1);
  }
  const table = value as LuaTable;
  if (depth + 1 > settings.encodeMaxDepth)
    throw new LuaError(`Cannot serialise, excessive nesting (${depth + 1})`, 1);
  const length = arrayLength(table, settings);
  if (length > 0) {
    const parts: string[] = [];
    for (let i = 1; i <= length; i++) parts.push(encode(table.get(i), settings, depth + 1));
    return `[${parts.join(',')}]`;
  }
  const parts: string[] = [];
  for (let entry = table.next(undefined); entry !== undefined; entry = table.next(entry[0])) {
    const [key, item] = entry;
    let name: string;
    if (typeof key === 'string') name = key;
    else if (typeof key === 'number') name = encodeNumber(key, settings);
    // json_encode_exception names the key's type.
    else
      throw new LuaError(
        `Cannot serialise ${luaType(key)}: table key must be a number or string`,
        1,
      );
    parts.push(`${escapeString(name)}:${encode(item, settings, depth + 1)}`);
  }
  return `{${parts.join(',')}}`;
}

// A code point as UTF-8 bytes, one char per byte.
function utf8(codePoint: number): string {
  return Buffer.from(String.fromCodePoint(codePoint), 'utf8').toString('latin1');
}

type TokenType =
  | 'T_OBJ_BEGIN'
  | 'T_OBJ_END'
  | 'T_ARR_BEGIN'
  | 'T_ARR_END'
  | 'T_STRING'
  | 'T_NUMBER'
  | 'T_BOOLEAN'
  | 'T_NULL'
  | 'T_COLON'
  | 'T_COMMA'
  | 'T_END'
  | 'T_ERROR';

/**
 * One of lua-cjson's tokens: where it starts, and its value (the text
 * of a string, the number, the boolean, or an error's reason).
 */
interface Token {
  type: TokenType;
  index: number;
  value?: unknown;
}

// The characters that are a token by themselves (ch2token). The input is
// a C string to lua-cjson: a NUL ends it, as the end of the text does.
const SINGLE_TOKENS: Record<string, TokenType> = {
  '{': 'T_OBJ_BEGIN',
  '}': 'T_OBJ_END',
  '[': 'T_ARR_BEGIN',
  ']': 'T_ARR_END',
  ',': 'T_COMMA',
  ':': 'T_COLON',
  '\0': 'T_END',
};

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * lua-cjson's decoder, token by token as its json_next_token reads them,
 * so that every error names what lua-cjson names: "Expected <what the
 * context wanted> but found <the token's type, or the reason it is not
 * one> at character <1-based position>". Numbers are read by strtod, so
 * with decode_invalid_numbers on (the default) hex, leading zeros, a '+',
 * inf and nan are numbers too.
 */
class Decoder {
  readonly #text: string;
  readonly #settings: Settings;
  #pos = 0;
  #depth = 0;

  constructor(text: string, settings: Settings) {
    this.#text = text;
    this.#settings = settings;
  }

  decode(): unknown {
    const value = this.#value(this.#next());
    const after = this.#next();
    if (after.type !== 'T_END') this.#fail('the end', after);
    return value;
  }

  #fail(expected: string, token: Token): never {
    const found = token.type === 'T_ERROR' ? (token.value as string) : token.type;
    throw new LuaError(
      `Expected ${expected} but found ${found} at character ${token.index + 1}`,
      1,
    );
  }

  // An error token leaves the position where the error is.
  #error(reason: string): Token {
    return { type: 'T_ERROR', index: this.#pos, value: reason };
  }

  #next(): Token {
    const text = this.#text;
    while (this.#pos < text.length && ' \t\n\r'.includes(text[this.#pos]!)) this.#pos++;
    const index = this.#pos;
    const c = text[index];
    if (c === undefined) return { type: 'T_END', index };
    const single = SINGLE_TOKENS[c];
    if (single !== undefined) {
      if (single !== 'T_END') this.#pos++;
      return { type: single, index };
    }
    if (c === '"') return this.#string();
    if (c === '-' || (c >= '0' && c <= '9')) {
      if (!this.#settings.decodeInvalidNumbers && this.#isInvalidNumber())
        return this.#error('invalid number');
      return this.#number();
    }
    for (const [word, type, value] of [
      ['true', 'T_BOOLEAN', true],
      ['false', 'T_BOOLEAN', false],
      ['null', 'T_NULL', JSON_NULL],
    ] as const) {
      if (text.startsWith(word, index)) {
        this.#pos += word.length;
        return { type, index, value };
      }
    }
    // Only the characters lua-cjson looks further at (i, I, n, N, +) can
    // start a number here; the rest (t and f included) are no token.
    if ('iInN+'.includes(c) && this.#settings.decodeInvalidNumbers && this.#isInvalidNumber())
      return this.#number();
    return this.#error('invalid token');
  }

  // json_is_invalid_number: what strtod reads but JSON forbids.
  #isInvalidNumber(): boolean {
    const text = this.#text;
    let i = this.#pos;
    if (text[i] === '+') return true;
    if (text[i] === '-') i++;
    const c = text.charCodeAt(i);
    if (text[i] === '0') {
      const next = text[i + 1] ?? '';
      return next === 'x' || next === 'X' || (next >= '0' && next <= '9');
    }
    // A C char compared with '9': the end, and bytes past 0x7f (negative
    // as signed chars), count as an ordinary number.
    if (Number.isNaN(c) || c <= 0x39 || c >= 0x80) return false;
    const word = text.slice(i, i + 3).toLowerCase();
    return word === 'inf' || word === 'nan';
  }

  #number(): Token {
    const index = this.#pos;
    const read = strtodPrefix(this.#text, index);
    if (read === undefined) return this.#error('invalid number');
    this.#pos = read.end;
    return { type: 'T_NUMBER', index, value: read.value };
  }

  #string(): Token {
    const text = this.#text;
    const index = this.#pos;
    let out = '';
    this.#pos++;
    for (;;) {
      const c = text[this.#pos];
      if (c === undefined || c === '\0') return this.#error('unexpected end of string');
      if (c === '"') break;
      if (c !== '\\') {
        out += c;
        this.#pos++;
        continue;
      }
      // Errors name the backslash's position, as lua-cjson's do.
      const e = text[this.#pos + 1];
      if (e === 'u') {
        const code = this.#unicodeEscape(this.#pos);
        if (code === undefined) return this.#error('invalid unicode escape code');
        out += utf8(code);
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        this.#pos += 2;
      } else {
        return this.#error('invalid escape code');
      }
    }
    this.#pos++;
    return { type: 'T_STRING', index, value: out };
  }

  // lua-cjson's json_append_unicode_escape: the code point of the `\uXXXX`
  // at `at` (a high surrogate must be followed by a `\u` low one), moving
  // past it; undefined for bad hex digits or a lone or reversed surrogate.
  #unicodeEscape(at: number): number | undefined {
    const code = this.#hex4(at + 2);
    if (code === undefined) return undefined;
    if ((code & 0xf800) !== 0xd800) {
      this.#pos = at + 6;
      return code;
    }
    if (code & 0x400 || this.#text[at + 6] !== '\\' || this.#text[at + 7] !== 'u') return undefined;
    const low = this.#hex4(at + 8);
    if (low === undefined || (low & 0xfc00) !== 0xdc00) return undefined;
    this.#pos = at + 12;
    return 0x10000 + ((code & 0x3ff) << 10) + (low & 0x3ff);
  }

  #hex4(at: number): number | undefined {
    const digits = this.#text.slice(at, at + 4);
    return /^[0-9a-fA-F]{4}$/.test(digits) ? Number.parseInt(digits, 16) : undefined;
  }

  // json_process_value.
  #value(token: Token): unknown {
    switch (token.type) {
      case 'T_STRING':
      case 'T_NUMBER':
      case 'T_BOOLEAN':
      case 'T_NULL':
        return token.value;
      case 'T_OBJ_BEGIN':
        return this.#object();
      case 'T_ARR_BEGIN':
        return this.#array();
      default:
        return this.#fail('value', token);
    }
  }

  // json_decode_descend: the position printed is just past the bracket.
  #descend(): void {
    this.#depth++;
    if (this.#depth > this.#settings.decodeMaxDepth)
      throw new LuaError(
        `Found too many nested data structures (${this.#depth}) at character ${this.#pos}`,
        1,
      );
  }

  #array(): LuaTable {
    this.#descend();
    const table = new LuaTable();
    let token = this.#next();
    if (token.type !== 'T_ARR_END') {
      for (let i = 1; ; i++) {
        table.set(i, this.#value(token));
        token = this.#next();
        if (token.type === 'T_ARR_END') break;
        if (token.type !== 'T_COMMA') this.#fail('comma or array end', token);
        token = this.#next();
      }
    }
    this.#depth--;
    return table;
  }

  #object(): LuaTable {
    this.#descend();
    const table = new LuaTable();
    let token = this.#next();
    if (token.type !== 'T_OBJ_END') {
      for (;;) {
        if (token.type !== 'T_STRING') this.#fail('object key string', token);
        const key = token.value as string;
        token = this.#next();
        if (token.type !== 'T_COLON') this.#fail('colon', token);
        table.set(key, this.#value(this.#next()));
        token = this.#next();
        if (token.type === 'T_OBJ_END') break;
        if (token.type !== 'T_COMMA') this.#fail('comma or object end', token);
        token = this.#next();
      }
    }
    this.#depth--;
    return table;
  }
}

// json_arg_init: at most `count` arguments.
function checkArgumentCount(args: unknown[], count: number, name: string): void {
  if (args.length > count) argError(count + 1, name, 'found too many arguments');
}

// json_integer_option: nil keeps the setting; anything else must be an
// integer (a C int, so 2^32 + 3 is 3) in range, and the message names
// argument #1 whichever argument it was, as lua-cjson's does.
function integerOption(
  args: unknown[],
  i: number,
  name: string,
  current: number,
  min: number,
  max: number,
): number {
  if (args[i] === undefined) return current;
  const value = checkInteger(args, i, name) | 0;
  if (value < min || value > max) argError(1, name, `expected integer between ${min} and ${max}`);
  return value;
}

// json_enum_option: nil keeps the setting, a boolean is off or on, and a
// string (or a number, as a string) must name one of `options`.
function enumOption(
  args: unknown[],
  i: number,
  name: string,
  current: number,
  options: readonly string[],
): number {
  const value = args[i];
  if (value === undefined) return current;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const option = checkString(args, i, name);
  const index = options.indexOf(option);
  if (index < 0) argError(i + 1, name, `invalid option '${option}'`);
  return index;
}

// What a setting function returns for an enum: a boolean for off and on,
// else the option's name ("null").
function enumResult(setting: number, options: readonly string[]): boolean | string {
  return setting <= 1 ? setting === 1 : options[setting]!;
}

const ON_OFF = ['off', 'on'] as const;

function createCjson(): LuaTable {
  const settings: Settings = {
    encodeMaxDepth: 1000,
    decodeMaxDepth: 1000,
    precision: 14,
    sparseConvert: false,
    sparseRatio: 2,
    sparseSafe: 10,
    encodeInvalidNumbers: 0,
    decodeInvalidNumbers: true,
    keepBuffer: true,
  };
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  define('encode', (args) => {
    if (args.length !== 1) argError(1, 'encode', 'expected 1 argument');
    return [encode(args[0], settings, 0)];
  });
  define('decode', (args) => {
    if (args.length !== 1) argError(1, 'decode', 'expected 1 argument');
    const text = checkString(args, 0, 'decode');
    // lua-cjson's guess at UTF-16 or UTF-32: a NUL among the first two bytes.
    if (text.length >= 2 && (text[0] === '\0' || text[1] === '\0'))
      throw new LuaError('JSON parser does not support UTF-16 or UTF-32', 1);
    return [new Decoder(text, settings).decode()];
  });
  const integerSetting = (
    name: string,
    key: 'encodeMaxDepth' | 'decodeMaxDepth' | 'precision',
    min: number,
    max: number,
  ) =>
    define(name, (args) => {
      checkArgumentCount(args, 1, name);
      settings[key] = integerOption(args, 0, name, settings[key], min, max);
      return [settings[key]];
    });
  integerSetting('encode_max_depth', 'encodeMaxDepth', 1, 2147483647);
  integerSetting('decode_max_depth', 'decodeMaxDepth', 1, 2147483647);
  integerSetting('encode_number_precision', 'precision', 1, 14);
  const booleanSetting = (name: string, key: 'decodeInvalidNumbers' | 'keepBuffer') =>
    define(name, (args) => {
      checkArgumentCount(args, 1, name);
      settings[key] = enumOption(args, 0, name, settings[key] ? 1 : 0, ON_OFF) === 1;
      return [settings[key]];
    });
  booleanSetting('decode_invalid_numbers', 'decodeInvalidNumbers');
  booleanSetting('encode_keep_buffer', 'keepBuffer');
  const invalidNumberOptions = ['off', 'on', 'null'] as const;
  define('encode_invalid_numbers', (args) => {
    checkArgumentCount(args, 1, 'encode_invalid_numbers');
    settings.encodeInvalidNumbers = enumOption(
      args,
      0,
      'encode_invalid_numbers',
      settings.encodeInvalidNumbers,
      invalidNumberOptions,
    );
    return [enumResult(settings.encodeInvalidNumbers, invalidNumberOptions)];
  });
  define('encode_sparse_array', (args) => {
    const name = 'encode_sparse_array';
    checkArgumentCount(args, 3, name);
    const convert = enumOption(args, 0, name, settings.sparseConvert ? 1 : 0, ON_OFF);
    settings.sparseConvert = convert === 1;
    settings.sparseRatio = integerOption(args, 1, name, settings.sparseRatio, 0, 2147483647);
    settings.sparseSafe = integerOption(args, 2, name, settings.sparseSafe, 0, 2147483647);
    return [settings.sparseConvert, settings.sparseRatio, settings.sparseSafe];
  });
  define('new', () => [createCjson()]);
  lib.set('null', JSON_NULL);
  lib.set('_NAME', 'cjson');
  lib.set('_VERSION', '2.1.0');
  return lib;
}

/** Adds `cjson`. */
export function openCjson(globals: LuaTable): void {
  globals.set('cjson', createCjson());
}
