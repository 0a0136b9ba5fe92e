/**
 * Roberto Ierusalimschy's `struct` library as Redis bundles it:
 * struct.pack(format, ...) packs values into a binary string,
 * struct.unpack(format, data [, position]) reads them back (and the
 * position after them), struct.size(format) gives a format's size.
 *
 * Format: `<` little-endian (the default, as on x86), `>` big-endian,
 * `!n` alignment to n bytes (a power of 2; 8 without n), spaces ignored;
 * `b`/`B` signed/unsigned char, `h`/`H` short, `l`/`L` long (8 bytes),
 * `T` size_t, `in`/`In` an n-byte integer (4 without n, at most 32),
 * `f` float, `d` double, `x` a zero byte, `s` a zero-terminated string,
 * `cn` n chars (`c0`: the whole string when packing; when unpacking, the
 * length is the previous value read).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { LuaTable } from '../table.js';
import { LuaError, type LuaFunction } from '../value.js';
import { argError, checkNumber, checkString, optInteger, toInteger } from './args.js';

const MAX_INT_SIZE = 32;
const MAX_ALIGN = 8;

interface Header {
  bigEndian: boolean;
  align: number;
}

// A format being read: its text and where the reader is.
class Format {
  readonly text: string;
  at = 0;

  constructor(text: string) {
    this.text = text;
  }

  get done(): boolean {
    return this.at >= this.text.length;
  }

  next(): string {
    return this.text[this.at++]!;
  }

  // The digits that follow, or `fallback` when none do (struct.c's getnum).
  number(fallback: number): number {
    if (!/[0-9]/.test(this.text[this.at] ?? '')) return fallback;
    let n = 0;
    while (/[0-9]/.test(this.text[this.at] ?? '')) {
      const digit = this.text.charCodeAt(this.at++) - 48;
      if (n > (2147483647 - digit) / 10) throw new LuaError('integral size overflow', 1);
      n = n * 10 + digit;
    }
    return n;
  }
}

// The size of option `opt` (reading its number), as struct.c's optsize.
function optionSize(opt: string, format: Format): number {
  switch (opt) {
    case 'b':
    case 'B':
    case 'x':
      return 1;
    case 'h':
    case 'H':
      return 2;
    case 'l':
    case 'L':
    case 'T':
    case 'd':
      return 8;
    case 'f':
      return 4;
    case 'c':
      return format.number(1);
    case 'i':
    case 'I': {
      const size = format.number(4);
      if (size > MAX_INT_SIZE)
        throw new LuaError(`integral size ${size} is larger than limit of ${MAX_INT_SIZE}`, 1);
      return size;
    }
    default:
      return 0;
  }
}

// Padding before an item of `size` at `length`, under '!' alignment.
function padding(length: number, header: Header, opt: string, size: number): number {
  if (size === 0 || opt === 'c') return 0;
  const unit = Math.min(size, header.align);
  return (unit - (length & (unit - 1))) & (unit - 1);
}

// ' ', '<', '>' and '!n'; anything else is an invalid option.
function control(opt: string, format: Format, header: Header): void {
  switch (opt) {
    case ' ':
      return;
    case '>':
      header.bigEndian = true;
      return;
    case '<':
      header.bigEndian = false;
      return;
    case '!': {
      const align = format.number(MAX_ALIGN);
      if ((align & (align - 1)) !== 0 || align === 0)
        throw new LuaError(`alignment ${align} is not a power of 2`, 1);
      header.align = align;
      return;
    }
    default:
      argError(1, 'pack', `invalid format option '${opt}'`);
  }
}

function isInteger(opt: string): boolean {
  return 'bBhHlLTiI'.includes(opt);
}

// An integer's `size` bytes, low first, then ordered for the header.
function packInteger(n: number, size: number, header: Header): string {
  // C: a negative through the signed cast, else the unsigned one.
  let value =
    n < 0
      ? BigInt.asUintN(64, BigInt(toInteger(n)))
      : !(n >= 2 ** 63)
        ? BigInt(toInteger(n))
        : BigInt.asUintN(64, BigInt(toInteger(n - 2 ** 63))) ^ (1n << 63n);
  const bytes: number[] = [];
  for (let i = 0; i < size; i++) {
    bytes.push(Number(value & 0xffn));
    // Past the 8th byte the value has no more bits.
    value = i === 7 ? 0n : value >> 8n;
  }
  if (header.bigEndian) bytes.reverse();
  return String.fromCharCode(...bytes);
}

function unpackInteger(
  data: string,
  at: number,
  size: number,
  header: Header,
  signed: boolean,
): number {
  let value = 0n;
  for (let i = 0; i < size; i++) {
    const byte = BigInt(data.charCodeAt(header.bigEndian ? at + i : at + size - 1 - i));
    value = ((value << 8n) | byte) & 0xffffffffffffffffn;
  }
  if (signed && size <= 8) value = BigInt.asIntN(size * 8, value);
  else if (signed) value = BigInt.asIntN(64, value);
  return Number(value);
}

function floatBytes(n: number, size: 4 | 8, header: Header): string {
  const buffer = Buffer.alloc(size);
  if (size === 4) header.bigEndian ? buffer.writeFloatBE(n) : buffer.writeFloatLE(n);
  else header.bigEndian ? buffer.writeDoubleBE(n) : buffer.writeDoubleLE(n);
  return buffer.toString('latin1');
}

const pack: LuaFunction = (passed) => {
  const format = new Format(checkString(passed, 0, 'pack'));
  // struct.c pushes a nil to mark where its arguments end: a missing
  // argument just past them is "got nil" (further ones "no value").
  const args = [...passed, undefined];
  const header: Header = { bigEndian: false, align: 1 };
  let arg = 1;
  let out = '';
  while (!format.done) {
    const opt = format.next();
    let size = optionSize(opt, format);
    const pad = padding(out.length, header, opt, size);
    out += '\0'.repeat(pad);
    if (isInteger(opt)) {
      out += packInteger(checkNumber(args, arg++, 'pack'), size, header);
    } else if (opt === 'x') {
      out += '\0';
    } else if (opt === 'f' || opt === 'd') {
      out += floatBytes(checkNumber(args, arg++, 'pack'), size as 4 | 8, header);
    } else if (opt === 'c' || opt === 's') {
      const text = checkString(args, arg++, 'pack');
      if (size === 0) size = text.length;
      // struct.c names the argument after the string (its index moved on).
      if (text.length < size) argError(arg + 1, 'pack', 'string too short');
      out += text.slice(0, size);
      if (opt === 's') out += '\0';
    } else {
      control(opt, format, header);
    }
  }
  return [out];
};

const unpack: LuaFunction = (args) => {
  const format = new Format(checkString(args, 0, 'unpack'));
  const data = checkString(args, 1, 'unpack');
  let pos = optInteger(args, 2, 'unpack', 1);
  // struct.c keeps the offset in a size_t: only 0 is refused; a negative
  // one is far past any string, so the first option finds the data too
  // short (an empty format returns the offset as it came).
  if (pos === 0) argError(3, 'unpack', 'offset must be 1 or greater');
  const beyond = pos < 0;
  const given = pos;
  pos--;
  const header: Header = { bigEndian: false, align: 1 };
  const values: unknown[] = [];
  while (!format.done) {
    const opt = format.next();
    let size = optionSize(opt, format);
    if (beyond) argError(2, 'unpack', 'data string too short');
    pos += padding(pos, header, opt, size);
    if (size > data.length || pos > data.length - size)
      argError(2, 'unpack', 'data string too short');
    if (isInteger(opt)) {
      values.push(unpackInteger(data, pos, size, header, opt === opt.toLowerCase()));
    } else if (opt === 'f' || opt === 'd') {
      const buffer = Buffer.from(data.slice(pos, pos + size), 'latin1');
      if (opt === 'f') values.push(header.bigEndian ? buffer.readFloatBE() : buffer.readFloatLE());
      else values.push(header.bigEndian ? buffer.readDoubleBE() : buffer.readDoubleLE());
    } else if (opt === 'c') {
      if (size === 0) {
        const previous = values[values.length - 1];
        if (values.length === 0 || typeof previous !== 'number')
          throw new LuaError("format 'c0' needs a previous size", 1);
        size = previous;
        values.pop();
        if (size > data.length || pos > data.length - size)
          argError(2, 'unpack', 'data string too short');
      }
      values.push(data.slice(pos, pos + size));
    } else if (opt === 's') {
      const end = data.indexOf('\0', pos);
      if (end < 0) throw new LuaError('unfinished string in data', 1);
      size = end - pos + 1;
      values.push(data.slice(pos, end));
    } else if (opt !== 'x') {
      control(opt, format, header);
    }
    pos += size;
  }
  values.push(beyond ? given : pos + 1);
  return values;
};

const size: LuaFunction = (args) => {
  const format = new Format(checkString(args, 0, 'size'));
  const header: Header = { bigEndian: false, align: 1 };
  let pos = 0;
  while (!format.done) {
    const opt = format.next();
    const itemSize = optionSize(opt, format);
    pos += padding(pos, header, opt, itemSize);
    if (opt === 's') argError(1, 'size', "option 's' has no fixed size");
    if (opt === 'c' && itemSize === 0) argError(1, 'size', "option 'c0' has no fixed size");
    if (!/[0-9a-zA-Z]/.test(opt)) control(opt, format, header);
    pos += itemSize;
  }
  return [pos];
};

/** Adds `struct`. */
export function openStruct(globals: LuaTable): void {
  const lib = new LuaTable();
  lib.set('pack', pack);
  lib.set('unpack', unpack);
  lib.set('size', size);
  globals.set('struct', lib);
}
