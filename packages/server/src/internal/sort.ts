/**
 * SORT and SORT_RO, one implementation as in Redis 7.0 (sort.c): the
 * elements of a list, set or sorted set ordered as numbers or (ALPHA) as
 * bytes, by themselves or by the values of other keys named after them
 * (BY `weight_*`, `*->field` of a hash), a LIMIT window of them, each one
 * or the values of other keys (GET `#`, `data_*`, `*->field`), replied or
 * stored as a list (STORE).
 *
 * Orders are Redis's: a number tie falls to the elements' bytes, an
 * element with no BY value sorts as 0 (or, ALPHA, first), and with BY and
 * a LIMIT that cuts, only the window is sorted, by Redis's partial
 * quicksort, so equal keys come out where Redis's leaves them. Where Redis
 * follows its hash tables' order (a set's or a sorted set's members
 * before sorting) this server follows its own: the same results except
 * for ties that only that order breaks (ALPHA BY with equal or missing
 * values) and `BY nosort` on a `hashtable` set.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { Hash } from '../hash.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_GENERIC, NOTIFY_LIST } from '../keyspace-events.js';
import { List } from '../list.js';
import { MemberSet } from '../member-set.js';
import { SortedSet } from '../sorted-set.js';
import { integerArg, option } from './args.js';
import { partialSort } from './partial-sort.js';

// C's long: LIMIT's arguments are read as 64-bit integers.
const LONG_MIN = -(2n ** 63n);

// What the vector holds per element (redisSortObject).
interface SortItem {
  readonly element: Buffer;
  score: number;
  // ALPHA with BY: the BY value's bytes, or null when there was none.
  byValue: Buffer | null;
}

/**
 * The value a pattern names for `element` (lookupKeyByPattern): `#` is the
 * element itself; otherwise the first `*` is replaced by it, and a `->`
 * after the star (with a field after it) reads that field of a hash. Null
 * when the pattern has no star, the key is missing, or it holds another
 * type.
 */
function valueByPattern(
  keyspace: Keyspace,
  now: number,
  pattern: Buffer,
  element: Buffer,
): Buffer | null {
  if (pattern.length === 1 && pattern[0] === 0x23) return element;
  const star = pattern.indexOf(0x2a);
  if (star === -1) return null;
  const arrow = pattern.indexOf('->', star + 1, 'latin1');
  const hasField = arrow !== -1 && arrow + 2 < pattern.length;
  const keyEnd = hasField ? arrow : pattern.length;
  const key = Buffer.concat([
    pattern.subarray(0, star),
    element,
    pattern.subarray(star + 1, keyEnd),
  ]).toString('latin1');
  const entry = keyspace.read(key, now);
  if (entry === undefined) return null;
  if (hasField) {
    if (!(entry.value instanceof Hash)) return null;
    const field = pattern.subarray(arrow + 2).toString('latin1');
    return entry.value.get(field) ?? null;
  }
  return entry.value instanceof Uint8Array ? Buffer.from(entry.value) : null;
}

// strtod over the whole value as SORT reads a number: leading space and
// an end at a NUL byte allowed; ERANGE (overflow, or an underflow from
// non-zero digits) and NaN refused (undefined).
const NUMBER =
  /^[ \t\n\v\f\r]*([+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?))$/i;

function sortScore(value: Buffer): number | undefined {
  const nul = value.indexOf(0);
  const text = (nul === -1 ? value : value.subarray(0, nul)).toString('latin1');
  // strtod of nothing at all reads 0 and stops at the end: a valid 0.
  if (/^[ \t\n\v\f\r]*$/.test(text)) return text === '' ? 0 : undefined;
  const match = NUMBER.exec(text);
  if (match === null) return undefined;
  const number = match[1]!;
  let score: number;
  if (/inf/i.test(number) && !/^[+-]?0x/i.test(number))
    score = number.startsWith('-') ? -Infinity : Infinity;
  else if (/^[+-]?0x/i.test(number)) score = hexNumber(number);
  else score = Number(number);
  const finiteDigits = !/inf/i.test(number) || /^[+-]?0x/i.test(number);
  if (finiteDigits && !Number.isFinite(score)) return undefined;
  // glibc reports ERANGE for a result below the smallest normal double.
  if (
    finiteDigits &&
    Math.abs(score) < 2.2250738585072014e-308 &&
    /[1-9a-f]/i.test(mantissa(number))
  )
    return undefined;
  return score;
}

// The digits of a number before its exponent (and after any 0x).
function mantissa(number: string): string {
  const hex = /^[+-]?0x(.*?)(?:[pP].*)?$/i.exec(number);
  if (hex !== null) return hex[1]!;
  return number.split(/[eE]/)[0]!;
}

function hexNumber(number: string): number {
  const match = /^([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?$/i.exec(number)!;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const value = Number(BigInt(`0x${whole}${fraction}` === '0x' ? '0' : `0x${whole}${fraction}`));
  const scaled = value * 2 ** (Number(exponent) - 4 * fraction.length);
  return sign === '-' ? -scaled : scaled;
}

// strcmp: bytes compared up to the first NUL of either (strcoll in the C
// and C.UTF-8 locales redis-server runs in).
function compareCStrings(a: Buffer, b: Buffer): number {
  const endA = a.indexOf(0);
  const endB = b.indexOf(0);
  return Buffer.compare(
    endA === -1 ? a : a.subarray(0, endA),
    endB === -1 ? b : b.subarray(0, endB),
  );
}

/** SORT (`readOnly` false) and SORT_RO: parses, sorts, replies or stores. */
export function sortGeneric(context: CommandContext, args: RequestArgs, readOnly: boolean): void {
  const { reply, keyspace, now } = context;
  let descending = false;
  let alpha = false;
  let limitStart = 0n;
  let limitCount = -1n;
  let by: Buffer | undefined;
  let dontSort = false;
  let storeKey: string | undefined;
  const gets: Buffer[] = [];
  // BY and GET patterns name keys the ACL cannot see: they need a user
  // that may read every key (Redis 7.0's rule).
  const { session, server } = context;
  const mayReadAll = server.acl.hasUnrestrictedReadAccess(
    session.user,
    readOnly ? 'sort_ro' : 'sort',
    args,
  );
  for (let i = 2; i < args.length; i++) {
    const name = option(args, i);
    const left = args.length - i - 1;
    if (name === 'ASC') descending = false;
    else if (name === 'DESC') descending = true;
    else if (name === 'ALPHA') alpha = true;
    else if (name === 'LIMIT' && left >= 2) {
      limitStart = BigInt(integerArg(args, i + 1));
      limitCount = BigInt(integerArg(args, i + 2));
      i += 2;
    } else if (!readOnly && name === 'STORE' && left >= 1) storeKey = args.latin1(++i);
    else if (name === 'BY' && left >= 1) {
      by = args.copy(++i);
      // A constant pattern sorts nothing: the elements keep their order.
      dontSort = !by.includes(0x2a);
      if (!dontSort && !mayReadAll)
        throw new CommandError('ERR BY option of SORT denied due to insufficient ACL permissions.');
    } else if (name === 'GET' && left >= 1) {
      if (!mayReadAll)
        throw new CommandError(
          'ERR GET option of SORT denied due to insufficient ACL permissions.',
        );
      gets.push(args.copy(++i));
    } else throw new CommandError(Replies.syntax);
  }

  const entry = keyspace.read(args.latin1(1), now);
  const value = entry?.value;
  if (
    value !== undefined &&
    !(value instanceof List) &&
    !(value instanceof MemberSet) &&
    !(value instanceof SortedSet)
  )
    throw new CommandError(Replies.wrongType);
  // A set given no order is sorted ALPHA when stored, so the result is
  // the same wherever the command runs (Redis does this for replicas).
  if (dontSort && value instanceof MemberSet && storeKey !== undefined) {
    dontSort = false;
    alpha = true;
    by = undefined;
  }
  // Redis converts the sorted set it sorts to a skip list, for good.
  if (value instanceof SortedSet) value.useSkiplist();

  const length = value === undefined ? 0 : value instanceof List ? value.length : value.size;
  // LIMIT's window, in C's long arithmetic.
  let start = limitStart < 0n ? 0n : limitStart;
  let end = limitCount < 0n ? BigInt(length - 1) : BigInt.asIntN(64, start + limitCount - 1n);
  if (start >= BigInt(length)) {
    start = BigInt(length - 1);
    end = BigInt(length - 2);
  }
  if (end >= BigInt(length)) end = BigInt(length - 1);
  let first = Number(start);
  let last = end < LONG_MIN / 2n ? -Number.MAX_SAFE_INTEGER : Number(end);

  // The vector: a list's or sorted set's window directly when nothing is
  // sorted, else every element.
  let elements: Buffer[];
  if (value === undefined) elements = [];
  else if (value instanceof List) {
    if (dontSort) {
      elements = [];
      if (last >= first) {
        elements = descending
          ? value.range(length - 1 - last, length - 1 - first).reverse()
          : value.range(first, last);
        last -= first;
        first = 0;
      }
    } else elements = value.values();
  } else if (value instanceof MemberSet)
    elements = [...value.members()].map((member) => Buffer.from(member, 'latin1'));
  else {
    const nodes = [...value.nodes()];
    if (dontSort) {
      const window = descending ? nodes.reverse() : nodes;
      elements = window
        .slice(first, Math.max(first, last + 1))
        .map((node) => Buffer.from(node.member, 'latin1'));
      last -= first;
      first = 0;
    } else elements = nodes.map((node) => Buffer.from(node.member, 'latin1'));
  }
  const items: SortItem[] = elements.map((element) => ({ element, score: 0, byValue: null }));

  let notANumber = false;
  if (!dontSort) {
    for (const item of items) {
      let byValue: Buffer | null = item.element;
      if (by !== undefined) {
        byValue = valueByPattern(keyspace, now, by, item.element);
        if (byValue === null) continue;
      }
      if (alpha) {
        if (by !== undefined) item.byValue = byValue;
      } else {
        const score = sortScore(byValue);
        if (score === undefined) notANumber = true;
        else item.score = score;
      }
    }
    const stored = storeKey !== undefined;
    const compare = (a: SortItem, b: SortItem): number => {
      let order: number;
      if (!alpha) {
        order =
          a.score > b.score ? 1 : a.score < b.score ? -1 : Buffer.compare(a.element, b.element);
      } else if (by !== undefined) {
        if (a.byValue === null || b.byValue === null)
          order = a.byValue === b.byValue ? 0 : a.byValue === null ? -1 : 1;
        else
          order = stored
            ? Buffer.compare(a.byValue, b.byValue)
            : compareCStrings(a.byValue, b.byValue);
      } else {
        order = stored
          ? Buffer.compare(a.element, b.element)
          : compareCStrings(a.element, b.element);
      }
      return descending ? -order : order;
    };
    // Redis sorts only the window with BY and a LIMIT that cuts; glibc's
    // qsort otherwise, a stable merge sort as JavaScript's is.
    if (by !== undefined && (first !== 0 || last !== items.length - 1))
      partialSort(items, compare, first, last);
    else items.sort(compare);
  }

  const count = last - first + 1;
  if (notANumber) throw new CommandError("ERR One or more scores can't be converted into double");
  if (storeKey === undefined) {
    reply.arrayHeader(gets.length > 0 ? gets.length * Math.max(0, count) : Math.max(0, count));
    for (let i = first; i <= last; i++) {
      const item = items[i]!;
      if (gets.length === 0) reply.bulk(item.element);
      for (const pattern of gets) reply.bulk(valueByPattern(keyspace, now, pattern, item.element));
    }
    return;
  }
  // Redis's SORT STORE makes its list with quicklist's own default fill
  // (-2), not list-max-listpack-size.
  const result = new List(-2);
  for (let i = first; i <= last; i++) {
    const item = items[i]!;
    if (gets.length === 0) result.push(item.element, false);
    for (const pattern of gets)
      result.push(valueByPattern(keyspace, now, pattern, item.element) ?? Buffer.alloc(0), false);
  }
  const stored = gets.length > 0 ? gets.length * count : count;
  if (stored > 0) {
    keyspace.set(storeKey, result, now);
    keyspace.notify(NOTIFY_LIST, 'sortstore', storeKey);
  } else if (keyspace.delete(storeKey)) keyspace.notify(NOTIFY_GENERIC, 'del', storeKey);
  reply.integer(Math.max(0, stored));
}
