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
import { formatG, LuaError, type LuaFunction, LuaUserdata, luaType } from '../value.js';
import { checkString } from './args.js';

/** cjson.null. */
export const JSON_NULL = new LuaUserdata('null');

interface Settings {
  encodeMaxDepth: number;
  decodeMaxDepth: number;
  precision: number;
  sparseConvert: boolean;
  sparseRatio: number;
  sparseSafe: number;
  encodeInvalidNumbers: boolean;
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
    if (key > max) max = key;
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
    if (!settings.encodeInvalidNumbers)
      throw new LuaError('Cannot serialise number: must not be NaN or Inf', 1);
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
    else throw new LuaError('Cannot serialise table: table key must be a number or string', 1);
    parts.push(`${escapeString(name)}:${encode(item, settings, depth + 1)}`);
  }
  return `{${parts.join(',')}}`;
}

// A code point as UTF-8 bytes, one char per byte.
function utf8(codePoint: number): string {
  return Buffer.from(String.fromCodePoint(codePoint), 'utf8').toString('latin1');
}

class Decoder {
  readonly #text: string;
  readonly #settings: Settings;
  #pos = 0;

  constructor(text: string, settings: Settings) {
    this.#text = text;
    this.#settings = settings;
  }

  decode(): unknown {
    const value = this.#value(0);
    this.#space();
    if (this.#pos < this.#text.length) this.#fail('the end', this.#describe());
    return value;
  }

  #fail(expected: string, found: string, at = this.#pos): never {
    throw new LuaError(`Expected ${expected} but found ${found} at character ${at + 1}`, 1);
  }

  #describe(): string {
    const c = this.#text[this.#pos];
    if (c === undefined) return 'T_END';
    if (c === ',') return 'T_COMMA';
    if (c === ':') return 'T_COLON';
    if (c === ']') return 'T_ARR_END';
    if (c === '}') return 'T_OBJ_END';
    return 'invalid token';
  }

  #space(): void {
    const text = this.#text;
    while (this.#pos < text.length && ' \t\n\r'.includes(text[this.#pos]!)) this.#pos++;
  }

  #value(depth: number): unknown {
    this.#space();
    const text = this.#text;
    const c = text[this.#pos];
    if (c === '{' || c === '[') {
      if (depth + 1 > this.#settings.decodeMaxDepth)
        throw new LuaError(
          `Found too many nested data structures (${depth + 1}) at character ${this.#pos + 1}`,
          1,
        );
      return c === '{' ? this.#object(depth + 1) : this.#array(depth + 1);
    }
    if (c === '"') return this.#string();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', JSON_NULL],
    ] as const) {
      if (text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return value;
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      text.slice(this.#pos, this.#pos + 400),
    );
    if (number !== null) {
      this.#pos += number[0].length;
      return Number(number[0]);
    }
    return this.#fail('value', this.#describe());
  }

  #string(): string {
    const text = this.#text;
    let out = '';
    this.#pos++;
    for (;;) {
      const c = text[this.#pos];
      if (c === undefined) this.#fail('value', 'unexpected end of string');
      this.#pos++;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      // Errors name the backslash's position, as lua-cjson's do.
      const backslash = this.#pos - 1;
      const e = text[this.#pos++];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && e in simple) {
        out += simple[e];
      } else if (e === 'u') {
        const code = this.#unicodeEscape(backslash);
        if (code === undefined) this.#fail('value', 'invalid unicode escape code', backslash);
        out += utf8(code);
      } else {
        this.#fail('value', 'invalid escape code', backslash);
      }
    }
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

  #array(depth: number): LuaTable {
    const table = new LuaTable();
    this.#pos++;
    this.#space();
    if (this.#text[this.#pos] === ']') {
      this.#pos++;
      return table;
    }
    for (let i = 1; ; i++) {
      table.set(i, this.#value(depth));
      this.#space();
      const c = this.#text[this.#pos];
      if (c === ']') {
        this.#pos++;
        return table;
      }
      if (c !== ',') this.#fail('comma or array end', this.#describe());
      this.#pos++;
    }
  }

  #object(depth: number): LuaTable {
    const table = new LuaTable();
    this.#pos++;
    this.#space();
    if (this.#text[this.#pos] === '}') {
      this.#pos++;
      return table;
    }
    for (;;) {
      this.#space();
      if (this.#text[this.#pos] !== '"') this.#fail('object key string', this.#describe());
      const key = this.#string();
      this.#space();
      if (this.#text[this.#pos] !== ':') this.#fail('colon', this.#describe());
      this.#pos++;
      table.set(key, this.#value(depth));
      this.#space();
      const c = this.#text[this.#pos];
      if (c === '}') {
        this.#pos++;
        return table;
      }
      if (c !== ',') this.#fail('comma or object end', this.#describe());
      this.#pos++;
    }
  }
}

function createCjson(): LuaTable {
  const settings: Settings = {
    encodeMaxDepth: 1000,
    decodeMaxDepth: 1000,
    precision: 14,
    sparseConvert: false,
    sparseRatio: 2,
    sparseSafe: 10,
    encodeInvalidNumbers: false,
    decodeInvalidNumbers: true,
    keepBuffer: true,
  };
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  define('encode', (args) => {
    if (args.length !== 1) throw new LuaError('expected 1 argument', 1);
    return [encode(args[0], settings, 0)];
  });
  define('decode', (args) => {
    if (args.length !== 1) throw new LuaError('expected 1 argument', 1);
    return [new Decoder(checkString(args, 0, 'decode'), settings).decode()];
  });
  const integerSetting = (
    name: string,
    key: 'encodeMaxDepth' | 'decodeMaxDepth' | 'precision',
    min: number,
    max: number,
  ) =>
    define(name, (args) => {
      if (args[0] !== undefined) {
        const n = Number(args[0]);
        if (!Number.isInteger(n) || n < min || n > max)
          throw new LuaError(
            `bad argument #1 to '${name}' (expected integer between ${min} and ${max})`,
            1,
          );
        settings[key] = n;
      }
      return [settings[key]];
    });
  integerSetting('encode_max_depth', 'encodeMaxDepth', 1, 2147483647);
  integerSetting('decode_max_depth', 'decodeMaxDepth', 1, 2147483647);
  integerSetting('encode_number_precision', 'precision', 1, 14);
  const booleanSetting = (
    name: string,
    key: 'encodeInvalidNumbers' | 'decodeInvalidNumbers' | 'keepBuffer',
  ) =>
    define(name, (args) => {
      if (args[0] !== undefined) settings[key] = args[0] === true || args[0] === 'on';
      return [settings[key]];
    });
  booleanSetting('encode_invalid_numbers', 'encodeInvalidNumbers');
  booleanSetting('decode_invalid_numbers', 'decodeInvalidNumbers');
  booleanSetting('encode_keep_buffer', 'keepBuffer');
  define('encode_sparse_array', (args) => {
    if (args[0] !== undefined) settings.sparseConvert = args[0] === true || args[0] === 'on';
    if (args[1] !== undefined) settings.sparseRatio = Number(args[1]);
    if (args[2] !== undefined) settings.sparseSafe = Number(args[2]);
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
