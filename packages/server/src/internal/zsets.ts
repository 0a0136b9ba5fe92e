/**
 * What the sorted-set commands share: their range arguments (scores,
 * members, ranks), replying with members and scores in either protocol,
 * storing a result, and popping from either end. Parsing and replies
 * follow Redis 7.0's t_zset.c, so errors and bytes match it.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import type { EncodingLimits } from '../encoding-limits.js';
import { CommandError, Replies } from '../errors.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_GENERIC, NOTIFY_ZSET } from '../keyspace-events.js';
import { type SkipNode, SortedSet } from '../sorted-set.js';
import { integerArg } from './args.js';
import { blockForKeys } from './blocking.js';
import { parseBoundScore, replyScore } from './scores.js';
import type { LexBound, LexRange, ScoreRange } from './skip-list.js';

const NOT_A_FLOAT_RANGE = 'ERR min or max is not a float';
const NOT_A_LEX_RANGE = 'ERR min or max not valid string range item';
const MUST_BE_POSITIVE = 'ERR value is out of range, must be positive';

// One end of a score range as zslParseRange reads it.
function scoreBound(text: string): { value: number; exclusive: boolean } {
  const exclusive = text.startsWith('(');
  const value = parseBoundScore(exclusive ? text.slice(1) : text);
  if (value === undefined || Number.isNaN(value)) throw new CommandError(NOT_A_FLOAT_RANGE);
  return { value, exclusive };
}

/**
 * The score range of arguments `min` and `max` (`1.5`, `(1.5`, `-inf`,
 * `+inf`); `ERR min or max is not a float` otherwise.
 */
export function scoreRangeArgs(args: RequestArgs, min: number, max: number): ScoreRange {
  const low = scoreBound(args.latin1(min));
  const high = scoreBound(args.latin1(max));
  return {
    min: low.value,
    max: high.value,
    minExclusive: low.exclusive,
    maxExclusive: high.exclusive,
  };
}

const BELOW_ALL: LexBound = { value: '', exclusive: true, infinity: -1 };
const ABOVE_ALL: LexBound = { value: '', exclusive: true, infinity: 1 };

// One end of a member range as zslParseLexRangeItem reads it.
function lexBound(text: string): LexBound {
  if (text === '-') return BELOW_ALL;
  if (text === '+') return ABOVE_ALL;
  if (text.startsWith('(')) return { value: text.slice(1), exclusive: true, infinity: 0 };
  if (text.startsWith('[')) return { value: text.slice(1), exclusive: false, infinity: 0 };
  throw new CommandError(NOT_A_LEX_RANGE);
}

/**
 * The member range of arguments `min` and `max` (`[a`, `(a`, `-`, `+`);
 * `ERR min or max not valid string range item` otherwise.
 */
export function lexRangeArgs(args: RequestArgs, min: number, max: number): LexRange {
  return { min: lexBound(args.latin1(min)), max: lexBound(args.latin1(max)) };
}

/**
 * Clamps a rank range as Redis's genericZrangebyrankCommand does
 * (negative ranks count from the end); undefined when it is empty.
 */
export function rankRange(
  start: number,
  end: number,
  size: number,
): { start: number; end: number } | undefined {
  let from = start < 0 ? size + start : start;
  let to = end < 0 ? size + end : end;
  if (from < 0) from = 0;
  if (from > to || from >= size) return undefined;
  if (to >= size) to = size - 1;
  return { start: from, end: to };
}

/**
 * Writes `nodes` as Redis writes a range: members alone; or, with
 * scores, a flat member-score array in RESP2 and an array of
 * [member, score] pairs in RESP3.
 */
export function replyNodes(
  reply: ReplyEncoder,
  nodes: readonly SkipNode[],
  withScores: boolean,
): void {
  const nested = withScores && reply.protocol === 3;
  reply.arrayHeader(withScores && !nested ? nodes.length * 2 : nodes.length);
  for (const node of nodes) {
    if (nested) reply.arrayHeader(2);
    reply.bulk(Buffer.from(node.member, 'latin1'));
    if (withScores) replyScore(reply, node.score);
  }
}

/**
 * The STORE commands' end: stores `result` at `destination` (replacing
 * any value and its deadline, with `event` notified), or deletes the
 * destination when `result` is empty (with `del` when it existed);
 * replies with the stored size.
 */
export function storeZset(
  { reply, keyspace, now }: CommandContext,
  destination: string,
  result: SortedSet,
  event:
    | 'zrangestore'
    | 'zunionstore'
    | 'zinterstore'
    | 'zdiffstore'
    | 'georadiusstore'
    | 'geosearchstore',
): void {
  if (result.size > 0) {
    keyspace.set(destination, result, now);
    keyspace.notify(NOTIFY_ZSET, event, destination);
  } else if (keyspace.delete(destination)) {
    keyspace.notify(NOTIFY_GENERIC, 'del', destination);
  }
  reply.integer(result.size);
}

/**
 * Removes `members` from the sorted set at `key` for a ZREM-like command:
 * notifies `event` when any went, and `del` when the set is left empty
 * (deleting the key); replies with how many went.
 */
export function removeMembers(
  { reply, keyspace }: CommandContext,
  key: string,
  zset: SortedSet,
  members: Iterable<string>,
  event: string,
): void {
  let removed = 0;
  for (const member of members) if (zset.delete(member)) removed++;
  if (removed > 0) {
    keyspace.notify(NOTIFY_ZSET, event, key);
    if (zset.size === 0) {
      keyspace.delete(key);
      keyspace.notify(NOTIFY_GENERIC, 'del', key);
    } else keyspace.touch(key);
  }
  reply.integer(removed);
}

/**
 * How a pop writes its reply, Redis's genericZpopCommand: `flat` member,
 * score, member, score... (ZPOPMIN in RESP2 or without a count);
 * `nested` [member, score] pairs (ZPOPMIN with a count in RESP3);
 * `keyed` the key, then flat pairs (BZPOPMIN); `keyedNested` [key,
 * [[member, score] ...]] (ZMPOP, BZMPOP).
 */
export type PopShape = 'flat' | 'nested' | 'keyed' | 'keyedNested';

/**
 * Pops up to `count` members (at least one; the set is not empty) from
 * the lowest scores (`min`) or the highest, replying in `shape`: the
 * notification (`zpopmin`/`zpopmax`) and, when the set empties, the key's
 * deletion with `del`.
 */
export function popNodes(
  reply: ReplyEncoder,
  keyspace: Keyspace,
  key: string,
  zset: SortedSet,
  min: boolean,
  count: number,
  shape: PopShape,
): void {
  replyPopped(reply, key, takeNodes(keyspace, key, zset, min, count), shape);
}

/**
 * Takes up to `count` members (the set is not empty) from the lowest
 * scores (`min`) or the highest, with popNodes's notifications; returns
 * them in the order taken.
 */
function takeNodes(
  keyspace: Keyspace,
  key: string,
  zset: SortedSet,
  min: boolean,
  count: number,
): { readonly member: string; readonly score: number }[] {
  const taken: { readonly member: string; readonly score: number }[] = [];
  const popped = Math.min(count, zset.size);
  for (let i = 0; i < popped; i++) {
    const node = (min ? zset.first : zset.last)!;
    zset.delete(node.member);
    if (i === 0) keyspace.notify(NOTIFY_ZSET, min ? 'zpopmin' : 'zpopmax', key);
    taken.push({ member: node.member, score: node.score });
  }
  if (zset.size === 0) {
    keyspace.delete(key);
    keyspace.notify(NOTIFY_GENERIC, 'del', key);
  } else keyspace.touch(key);
  return taken;
}

// Writes members taken from `key` in `shape`.
function replyPopped(
  reply: ReplyEncoder,
  key: string,
  taken: readonly { readonly member: string; readonly score: number }[],
  shape: PopShape,
): void {
  if (shape === 'flat') reply.arrayHeader(taken.length * 2);
  else if (shape === 'nested') reply.arrayHeader(taken.length);
  else if (shape === 'keyed') {
    reply.arrayHeader(taken.length * 2 + 1);
    reply.bulk(Buffer.from(key, 'latin1'));
  } else {
    reply.arrayHeader(2);
    reply.bulk(Buffer.from(key, 'latin1'));
    reply.arrayHeader(taken.length);
  }
  const nested = shape === 'nested' || shape === 'keyedNested';
  for (const { member, score } of taken) {
    if (nested) reply.arrayHeader(2);
    reply.bulk(Buffer.from(member, 'latin1'));
    replyScore(reply, score);
  }
}

/** A new sorted set holding `nodes`, as ZRANGESTORE builds one (a listpack, converted as it grows). */
export function sortedSetOf(
  nodes: Iterable<{ readonly member: string; readonly score: number }>,
  limits: Readonly<EncodingLimits>,
): SortedSet {
  const result = new SortedSet(limits);
  for (const node of nodes) result.add(node.member, node.score);
  return result;
}

/**
 * ZPOPMIN and ZPOPMAX (`min`): `key [count]`, a count of 0 or more
 * (`ERR value is out of range, must be positive` below); without one, a
 * flat [member, score]; with one, pairs in RESP3. An absent key or a count
 * of 0 replies an empty array.
 */
export function zpop(
  reply: ReplyEncoder,
  keyspace: Keyspace,
  now: number,
  args: RequestArgs,
  min: boolean,
): void {
  if (args.length > 3) throw new CommandError(Replies.syntax);
  let count = -1;
  if (args.length === 3) {
    // Redis's getPositiveLongFromObjectOrReply: one text for both failures.
    const value = integerArg(args, 2, MUST_BE_POSITIVE);
    if (value < 0) throw new CommandError(MUST_BE_POSITIVE);
    count = value > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : Number(value);
  }
  const key = args.latin1(1);
  const zset = keyspace.getZset(key, now)?.value;
  if (zset === undefined || count === 0) {
    reply.arrayHeader(0);
    return;
  }
  const nested = reply.protocol === 3 && count !== -1;
  popNodes(reply, keyspace, key, zset, min, count === -1 ? 1 : count, nested ? 'nested' : 'flat');
}

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP: pops from the first of `keys` holding a
 * sorted set (`count` members, replying in `shape`), or, when none does,
 * blocks until a sorted set is stored at one of them or `ms` pass (0: for
 * ever; then a null array). Inside a transaction it never blocks.
 */
export function blockingZpop(
  context: CommandContext,
  keys: readonly string[],
  ms: number,
  min: boolean,
  count: number,
  shape: 'keyed' | 'keyedNested',
): void {
  const { reply, keyspace, now, session } = context;
  for (const key of keys) {
    const zset = keyspace.getZset(key, now)?.value;
    if (zset === undefined) continue;
    popNodes(reply, keyspace, key, zset, min, count, shape);
    return;
  }
  if (session.transaction !== null) {
    reply.nullArray();
    return;
  }
  blockForKeys(
    context,
    'zset',
    keys,
    ms,
    (timedOut) => timedOut.nullArray(),
    (key, zset) => {
      // Taken now, written when the connection's reply is: the next
      // waiter on this key must find the set as this one leaves it.
      const taken = takeNodes(keyspace, key, zset as SortedSet, min, count);
      return (served) => replyPopped(served, key, taken, shape);
    },
  );
}
