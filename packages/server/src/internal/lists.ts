/**
 * What the list commands share: pushing (LPUSH, RPUSH and their X forms),
 * the end of every pop (Redis's listElementsRemoved), list index ranges
 * as LRANGE and LTRIM read them, and LEFT/RIGHT arguments.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_GENERIC, NOTIFY_LIST } from '../keyspace-events.js';
import { List } from '../list.js';
import { integerArg, option } from './args.js';
import { blockForKeys, timeoutArg } from './blocking.js';

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

/**
 * Blocks the connection until a list is stored at one of `keys` (then
 * `serve` takes from it and replies) or `ms` pass (0: for ever; then
 * `timedOut` replies); see `blockForKeys`.
 */
export function blockForList(
  context: CommandContext,
  keys: readonly string[],
  ms: number,
  timedOut: (reply: ReplyEncoder) => void,
  serve: (key: string, list: List, now: number) => (reply: ReplyEncoder) => void,
): void {
  blockForKeys(context, 'list', keys, ms, timedOut, (key, value, now) =>
    serve(key, value as List, now),
  );
}

/** Pops up to `count` elements from one end of `list` at `key` (with its notifications). */
export function popCount(
  keyspace: Keyspace,
  key: string,
  list: List,
  left: boolean,
  count: number,
): Buffer[] {
  const popped: Buffer[] = [];
  const n = Math.min(count, list.length);
  for (let i = 0; i < n; i++) popped.push(list.pop(left)!);
  elementsRemoved(keyspace, key, list, left);
  return popped;
}

/** LMPOP's and BLMPOP's reply: [key, [elements]]. */
export function replyPopped(reply: ReplyEncoder, key: string, elements: readonly Buffer[]): void {
  reply.arrayHeader(2);
  reply.bulk(Buffer.from(key, 'latin1'));
  reply.arrayHeader(elements.length);
  for (const element of elements) reply.bulk(element);
}

/** BLPOP and BRPOP. */
export function blockingPop(context: CommandContext, args: RequestArgs, left: boolean): void {
  const { reply, keyspace, now, session } = context;
  const ms = timeoutArg(args, args.length - 1, now);
  const keys: string[] = [];
  for (let i = 1; i < args.length - 1; i++) keys.push(args.latin1(i));
  for (const key of keys) {
    const list = keyspace.getList(key, now)?.value;
    if (list === undefined) continue;
    const element = list.pop(left)!;
    replyKeyAndElement(reply, key, element);
    elementsRemoved(keyspace, key, list, left);
    return;
  }
  if (session.transaction !== null) {
    reply.nullArray();
    return;
  }
  blockForList(
    context,
    keys,
    ms,
    (timedOut) => timedOut.nullArray(),
    (key, list) => {
      const element = list.pop(left)!;
      elementsRemoved(keyspace, key, list, left);
      return (served) => replyKeyAndElement(served, key, element);
    },
  );
}

function replyKeyAndElement(reply: ReplyEncoder, key: string, element: Buffer): void {
  reply.arrayHeader(2);
  reply.bulk(Buffer.from(key, 'latin1'));
  reply.bulk(element);
}

/**
 * BLMOVE and BRPOPLPUSH (timeout at argument `timeoutIndex`). Served from
 * another connection, a destination that holds another type by then gets
 * the waiter WRONGTYPE and leaves the source as it was, as in Redis.
 */
export function blockingMove(
  context: CommandContext,
  args: RequestArgs,
  fromLeft: boolean,
  toLeft: boolean,
  timeoutIndex: number,
): void {
  const { reply, keyspace, now, session } = context;
  const ms = timeoutArg(args, timeoutIndex, now);
  const source = args.latin1(1);
  const destination = args.latin1(2);
  if (keyspace.getList(source, now) !== undefined) {
    moveElement(context, source, destination, fromLeft, toLeft);
    return;
  }
  if (session.transaction !== null) {
    reply.null();
    return;
  }
  blockForList(
    context,
    [source],
    ms,
    // Redis 7.0 times out every blocked list pop with a null array, even
    // BLMOVE's, whose other nulls are bulk ones.
    (timedOut) => timedOut.nullArray(),
    (key, list, servedAt) => {
      const target = keyspace.get(destination, servedAt);
      if (target !== undefined && !(target.value instanceof List)) {
        return (served) => served.error(Replies.wrongType);
      }
      const element = list.pop(fromLeft)!;
      const existed = target !== undefined;
      keyspace.listForWrite(destination, servedAt).push(element, toLeft);
      if (existed) keyspace.touch(destination);
      keyspace.notify(NOTIFY_LIST, toLeft ? 'lpush' : 'rpush', destination);
      elementsRemoved(keyspace, key, list, fromLeft);
      return (served) => served.bulk(element);
    },
  );
}
