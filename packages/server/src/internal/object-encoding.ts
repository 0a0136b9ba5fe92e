/**
 * OBJECT ENCODING and OBJECT REFCOUNT of a value, as Redis 7.0. A hash,
 * a set, a list or a sorted set answers for itself (hash.ts, member-set.ts,
 * list.ts, sorted-set.ts). Of a string value, as Redis 7.0 answers them: it holds a string as `int` when SET (or INCR) gives it a
 * canonical 64-bit integer, as `embstr` when it is at most 44 bytes, and
 * as `raw` otherwise or once a command changed it in place. The integers
 * 0 to 9999 are objects shared by every key that holds them, whose
 * reference count Redis reports as 2147483647. Each entry records how its
 * value came to be (`Encoding`, keyspace.ts); this reads the answer off it.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Entry, StringEntry } from '../keyspace.js';
import { toInteger } from './args.js';

/** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
const EMBSTR_LIMIT = 44;
/** Redis's OBJ_SHARED_INTEGERS: 0 to 9999 are shared. */
const SHARED_INTEGERS = 10_000;
/** Redis's OBJ_SHARED_REFCOUNT (INT_MAX). */
const SHARED_REFCOUNT = 2147483647;

// The integer `value` holds as Redis's string2ll reads it (canonical
// digits, within 64 bits, at most 20 bytes), or undefined.
function integerOf(value: Buffer): number | bigint | undefined {
  return value.length > 20 ? undefined : toInteger(value.toString('latin1'));
}

// Whether `value` holds an integer as integerOf reads it, without making
// a string: maxmemory measures a string after every change to it (INCR,
// SET). Up to 18 digits every canonical integer fits in 64 bits; 19 and
// 20 (with a minus) are read by integerOf for the range.
function holdsInteger(value: Buffer): boolean {
  const length = value.length;
  if (length === 0 || length > 20) return false;
  const sign = value[0] === 45 ? 1 : 0;
  if (sign === length) return false;
  const first = value[sign]!;
  // "0" is canonical; "-0" and "01" are not.
  if (first === 48) return length === 1;
  if (first < 49 || first > 57) return false;
  for (let i = sign + 1; i < length; i++) {
    const digit = value[i]!;
    if (digit < 48 || digit > 57) return false;
  }
  return length - sign <= 18 || integerOf(value) !== undefined;
}

/** What OBJECT ENCODING answers for `entry`. */
export function objectEncoding(
  entry: Entry,
):
  | 'int'
  | 'embstr'
  | 'raw'
  | 'listpack'
  | 'hashtable'
  | 'intset'
  | 'quicklist'
  | 'skiplist'
  | 'stream' {
  if (!(entry.value instanceof Uint8Array)) return entry.value.encoding;
  return stringEncoding(entry as StringEntry);
}

function stringEncoding(entry: StringEntry): 'int' | 'embstr' | 'raw' {
  switch (entry.encoding) {
    case 'int':
      return 'int';
    case 'raw':
      return 'raw';
    case 'auto':
      if (holdsInteger(entry.value)) return 'int';
      return entry.value.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
    case 'string':
      return entry.value.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
  }
}

/** What OBJECT REFCOUNT answers for `entry`: 1, or a shared integer's count. */
export function objectRefcount(entry: Entry): number {
  if (entry.encoding !== 'auto' || !(entry.value instanceof Buffer)) return 1;
  const integer = integerOf(entry.value);
  return typeof integer === 'number' && integer >= 0 && integer < SHARED_INTEGERS
    ? SHARED_REFCOUNT
    : 1;
}

/**
 * How COPY's duplicate is held (Redis's dupStringObject): the same
 * encoding, but an integer is a new object of its own, never shared.
 */
export function copiedEncoding(entry: Entry): Entry['encoding'] {
  // A hash's or a set's copy carries its encoding itself.
  if (!(entry.value instanceof Uint8Array)) return 'auto';
  const encoding = stringEncoding(entry as StringEntry);
  return encoding === 'embstr' ? 'string' : encoding;
}
