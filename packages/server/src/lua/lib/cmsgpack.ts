/**
 * lua-cmsgpack as Redis bundles it: cmsgpack.pack(...) encodes its
 * arguments as MessagePack, one after another; unpack, unpack_one and
 * unpack_limit decode. Encoding follows lua_cmsgpack.c: an integral
 * number as the smallest integer type, other numbers as a 32-bit float
 * when that is exact, else a double; a table whose keys are 1..n as an
 * array, else a map; tables nested deeper than 16 as nil.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { LuaTable } from '../table.js';
import { LuaError, type LuaFunction } from '../value.js';
import { argError, checkInteger, checkString, optInteger } from './args.js';

const MAX_NESTING = 16;

function bytes(...values: number[]): string {
  return String.fromCharCode(...values);
}

function bigEndian(value: bigint, size: number): string {
  let out = '';
  for (let i = size - 1; i >= 0; i--)
    out += String.fromCharCode(Number((value >> BigInt(i * 8)) & 0xffn));
  return out;
}

function encodeInteger(n: number): string {
  if (n >= 0) {
    if (n <= 127) return bytes(n);
    if (n <= 0xff) return bytes(0xcc, n);
    if (n <= 0xffff) return bytes(0xcd) + bigEndian(BigInt(n), 2);
    if (n <= 0xffffffff) return bytes(0xce) + bigEndian(BigInt(n), 4);
    return bytes(0xcf) + bigEndian(BigInt(n), 8);
  }
  if (n >= -32) return bytes(0x100 + n);
  if (n >= -128) return bytes(0xd0, 0x100 + n);
  if (n >= -32768) return bytes(0xd1) + bigEndian(BigInt(0x10000 + n), 2);
  if (n >= -2147483648) return bytes(0xd2) + bigEndian(BigInt(0x100000000 + n), 4);
  return bytes(0xd3) + bigEndian(BigInt.asUintN(64, BigInt(n)), 8);
}

function encodeNumber(n: number): string {
  // IS_INT64_EQUIVALENT: finite and equal to its cast to int64.
  if (Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63 && !Object.is(n, -0))
    return encodeInteger(n);
  const buffer = Buffer.alloc(8);
  // mp_encode_double: a float when the value survives the cast to one
  // (never a NaN, which equals nothing), else a double.
  if (Math.fround(n) === n) {
    buffer.writeFloatBE(n);
    return bytes(0xca) + buffer.toString('latin1', 0, 4);
  }
  buffer.writeDoubleBE(n);
  return bytes(0xcb) + buffer.toString('latin1');
}

function encodeLength(
  length: number,
  small: number,
  smallMax: number,
  codes: readonly number[],
): string {
  if (length < smallMax) return bytes(small | length);
  if (codes[0] !== undefined && length <= 0xff) return bytes(codes[0], length);
  if (length <= 0xffff) return bytes(codes[1]!) + bigEndian(BigInt(length), 2);
  return bytes(codes[2]!) + bigEndian(BigInt(length), 4);
}

function isArray(table: LuaTable): number {
  let count = 0;
  let max = 0;
  for (let entry = table.next(undefined); entry !== undefined; entry = table.next(entry[0])) {
    const key = entry[0];
    // IS_INT_EQUIVALENT: a key past a C int makes the table a map.
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 1 || key > 2147483647) return -1;
    count++;
    if (key > max) max = key;
  }
  return max === count ? count : -1;
}

function encode(value: unknown, level: number): string {
  switch (typeof value) {
    case 'undefined':
      return bytes(0xc0);
    case 'boolean':
      return bytes(value ? 0xc3 : 0xc2);
    case 'number':
      return encodeNumber(value);
    case 'string':
      return encodeLength(value.length, 0xa0, 32, [0xd9, 0xda, 0xdb]) + value;
    default:
      if (!(value instanceof LuaTable) || level >= MAX_NESTING) return bytes(0xc0);
  }
  const table = value as LuaTable;
  const length = isArray(table);
  if (length >= 0) {
    let out = encodeLength(length, 0x90, 16, [undefined as unknown as number, 0xdc, 0xdd]);
    for (let i = 1; i <= length; i++) out += encode(table.get(i), level + 1);
    return out;
  }
  let count = 0;
  let body = '';
  for (let entry = table.next(undefined); entry !== undefined; entry = table.next(entry[0])) {
    body += encode(entry[0], level + 1) + encode(entry[1], level + 1);
    count++;
  }
  return encodeLength(count, 0x80, 16, [undefined as unknown as number, 0xde, 0xdf]) + body;
}

class Reader {
  readonly #s: string;
  pos: number;

  constructor(s: string, pos: number) {
    this.#s = s;
    this.pos = pos;
  }

  get left(): number {
    return this.#s.length - this.pos;
  }

  #take(n: number): string {
    if (this.left < n) throw new LuaError('Missing bytes in input.', 1);
    const out = this.#s.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  #uint(n: number): bigint {
    let value = 0n;
    for (const c of this.#take(n)) value = (value << 8n) | BigInt(c.charCodeAt(0));
    return value;
  }

  value(): unknown {
    const type = this.#uint(1);
    const t = Number(type);
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return t - 0x100;
    if ((t & 0xe0) === 0xa0) return this.#take(t & 0x1f);
    if ((t & 0xf0) === 0x90) return this.#array(t & 0x0f);
    if ((t & 0xf0) === 0x80) return this.#map(t & 0x0f);
    switch (t) {
      case 0xc0:
        return undefined;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xcc:
        return Number(this.#uint(1));
      case 0xcd:
        return Number(this.#uint(2));
      case 0xce:
        return Number(this.#uint(4));
      // lua_pushunsigned is lua_pushinteger on 64 bits: past 2^63 - 1
      // the value wraps to a negative one.
      case 0xcf:
        return Number(BigInt.asIntN(64, this.#uint(8)));
      case 0xd0:
        return Number(BigInt.asIntN(8, this.#uint(1)));
      case 0xd1:
        return Number(BigInt.asIntN(16, this.#uint(2)));
      case 0xd2:
        return Number(BigInt.asIntN(32, this.#uint(4)));
      case 0xd3:
        return Number(BigInt.asIntN(64, this.#uint(8)));
      case 0xca:
        return Buffer.from(this.#take(4), 'latin1').readFloatBE();
      case 0xcb:
        return Buffer.from(this.#take(8), 'latin1').readDoubleBE();
      // lua-cmsgpack 0.4.0 knows the str types only: bin 8/16/32 (0xc4 to
      // 0xc6) are a bad format, as every other unknown type.
      case 0xd9:
        return this.#take(Number(this.#uint(1)));
      case 0xda:
        return this.#take(Number(this.#uint(2)));
      case 0xdb:
        return this.#take(Number(this.#uint(4)));
      case 0xdc:
        return this.#array(Number(this.#uint(2)));
      case 0xdd:
        return this.#array(Number(this.#uint(4)));
      case 0xde:
        return this.#map(Number(this.#uint(2)));
      case 0xdf:
        return this.#map(Number(this.#uint(4)));
      default:
        throw new LuaError('Bad data format in input.', 1);
    }
  }

  #array(n: number): LuaTable {
    const table = new LuaTable();
    for (let i = 1; i <= n; i++) table.set(i, this.value());
    return table;
  }

  #map(n: number): LuaTable {
    const table = new LuaTable();
    for (let i = 0; i < n; i++) {
      const key = this.value();
      const value = this.value();
      // lua_settable: a nil or NaN key fails ("table index is nil").
      table.set(key, value);
    }
    return table;
  }
}

// lua_cmsgpack's mp_unpack_full: up to `limit` values from `offset`,
// and the offset after them first (-1 at the end), except when both are
// 0: then every value, and no offset (so unpack_limit(s, 0) is unpack(s)).
// Its messages print the offset and the input's length as C ints (%d of
// a 64-bit value); the one for a negative limit prints the length too.
function unpack(s: string, limit: number, offset: number): unknown[] {
  const decodeAll = limit === 0 && offset === 0;
  if (offset < 0 || limit < 0)
    throw new LuaError(
      `Invalid request to unpack with offset of ${offset | 0} and limit of ${s.length | 0}.`,
      1,
    );
  if (offset > s.length)
    throw new LuaError(`Start offset ${offset | 0} greater than input length ${s.length | 0}.`, 1);
  const reader = new Reader(s, offset);
  const values: unknown[] = [];
  while (reader.left > 0 && (decodeAll || values.length < limit)) values.push(reader.value());
  if (decodeAll) return values;
  return [reader.left === 0 ? -1 : reader.pos, ...values];
}

/** Adds `cmsgpack`. */
export function openCmsgpack(globals: LuaTable): void {
  const lib = new LuaTable();
  const define = (name: string, fn: LuaFunction) => lib.set(name, fn);
  define('pack', (args) => {
    // lua-cmsgpack raises it as luaL_argerror's argument #0.
    if (args.length === 0) argError(0, 'pack', 'MessagePack pack needs input.');
    return [args.map((value) => encode(value, 0)).join('')];
  });
  define('unpack', (args) => unpack(checkString(args, 0, 'unpack'), 0, 0));
  // The counts are read before the string is checked, as the C does.
  define('unpack_one', (args) => {
    const offset = optInteger(args, 1, 'unpack_one', 0);
    return unpack(checkString(args, 0, 'unpack_one'), 1, offset);
  });
  define('unpack_limit', (args) => {
    const limit = checkInteger(args, 1, 'unpack_limit');
    const offset = optInteger(args, 2, 'unpack_limit', 0);
    return unpack(checkString(args, 0, 'unpack_limit'), limit, offset);
  });
  lib.set('_NAME', 'cmsgpack');
  lib.set('_VERSION', 'lua-cmsgpack 0.4.0');
  lib.set('_COPYRIGHT', 'Copyright (C) 2012, Salvatore Sanfilippo');
  lib.set('_DESCRIPTION', 'MessagePack C implementation for Lua');
  globals.set('cmsgpack', lib);
}
