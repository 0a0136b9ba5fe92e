/**
 * What the list commands share: pushing (LPUSH, RPUSH and their X forms),
 * the end of every pop (Redis's listElementsRemoved), list index ranges
 * as LRANGE and LTRIM read them, and LEFT/RIGHT arguments.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_GENERIC, NOTIFY_LIST } from '../keyspace-events.js';
import type { List } from '../list.js';
import { integerArg, option } from './args.js';

/**
 * LPUSH, RPUSH, LPUSHX and RPUSHX: pushes arguments 2 on at one end of
 * the list at argument 1, created unless `onlyExisting`; replies with the
 * length (0 when an X form found no list).
 */
export function pushElements(
  { reply, keyspace, now }: CommandContext,
  args: RequestArgs,
  left: boolean,
  onlyExisting: boolean,
): void {
  const key = args.latin1(1);
  const existing = keyspace.getList(key, now)?.value;
  if (existing === undefined && onlyExisting) {
    reply.integer(0);
    return;
  }
  const list = existing ?? keyspace.listForWrite(key, now);
  for (let i = 2; i < args.length; i++) list.push(args.copy(i), left);
  // A new list has signalled its watchers as it was stored.
  if (existing !== undefined) keyspace.touch(key);
  keyspace.notify(NOTIFY_LIST, left ? 'lpush' : 'rpush', key);
  reply.integer(list.length);
}

/**
 * After elements were popped from `list` at `key`: the `lpop`/`rpop`
 * notification, the key deleted (with `del`) when the list is empty, and
 * its watchers told.
 */
export function elementsRemoved(keyspace: Keyspace, key: string, list: List, left: boolean): void {
  keyspace.notify(NOTIFY_LIST, left ? 'lpop' : 'rpop', key);
  if (list.length === 0) {
    keyspace.delete(key);
    keyspace.notify(NOTIFY_GENERIC, 'del', key);
  } else keyspace.touch(key);
}

/**
 * LRANGE's and LTRIM's indexes (negative from the tail) clamped to a list
 * of `length`, as Redis clamps them: [start, end] inclusive, or undefined
 * for an empty range.
 */
export function listRange(
  start: number,
  end: number,
  length: number,
): [start: number, end: number] | undefined {
  let first = start < 0 ? length + start : start;
  let last = end < 0 ? length + end : end;
  if (first < 0) first = 0;
  if (first > last || first >= length) return undefined;
  if (last >= length) last = length - 1;
  return [first, last];
}

/** Argument `i` as LEFT (true) or RIGHT (false), any case; a syntax error otherwise. */
export function sideArg(args: RequestArgs, i: number): boolean {
  const side = option(args, i);
  if (side === 'LEFT') return true;
  if (side === 'RIGHT') return false;
  throw new CommandError(Replies.syntax);
}

/** A C long argument (Redis's getLongFromObjectOrReply) as a number, clamped to what a list can index. */
export function indexOf(value: number | bigint): number {
  return typeof value === 'number'
    ? value
    : value < 0n
      ? -Number.MAX_SAFE_INTEGER
      : Number.MAX_SAFE_INTEGER;
}

const MUST_BE_POSITIVE = 'ERR value is out of range, must be positive';

/** LPOP and RPOP: one element, or up to a count of them, from one end. */
export function popElements(
  { reply, keyspace, now }: CommandContext,
  args: RequestArgs,
  left: boolean,
): void {
  const name = left ? 'lpop' : 'rpop';
  if (args.length > 3) throw new CommandError(Replies.wrongArgs(name));
  let count: number | undefined;
  if (args.length === 3) {
    // Redis's getPositiveLongFromObjectOrReply: one text for both failures.
    const value = integerArg(args, 2, MUST_BE_POSITIVE);
    if (value < 0) throw new CommandError(MUST_BE_POSITIVE);
    count = indexOf(value);
  }
  const key = args.latin1(1);
  const list = keyspace.getList(key, now)?.value;
  if (list === undefined) {
    if (count === undefined) reply.null();
    else reply.nullArray();
    return;
  }
  if (count === 0) {
    reply.arrayHeader(0);
    return;
  }
  if (count === undefined) {
    reply.bulk(list.pop(left)!);
  } else {
    const popped = Math.min(count, list.length);
    reply.arrayHeader(popped);
    for (let i = 0; i < popped; i++) reply.bulk(list.pop(left)!);
  }
  elementsRemoved(keyspace, key, list, left);
}

/**
 * LMOVE and RPOPLPUSH: pops from `source` (at the head when `fromLeft`)
 * and pushes onto `destination` (at the head when `toLeft`), in Redis's
 * order: both types checked first, the push (and its notification)
 * before the pop's; replies with the element, or a null for no source.
 */
export function moveElement(
  { reply, keyspace, now }: CommandContext,
  source: string,
  destination: string,
  fromLeft: boolean,
  toLeft: boolean,
): void {
  const from = keyspace.getList(source, now)?.value;
  if (from === undefined) {
    reply.null();
    return;
  }
  const existed = keyspace.getList(destination, now) !== undefined;
  const element = from.pop(fromLeft)!;
  const to = keyspace.listForWrite(destination, now);
  to.push(element, toLeft);
  if (existed) keyspace.touch(destination);
  keyspace.notify(NOTIFY_LIST, toLeft ? 'lpush' : 'rpush', destination);
  reply.bulk(element);
  elementsRemoved(keyspace, source, from, fromLeft);
}
