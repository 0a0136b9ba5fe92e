/**
 * The one implementation behind ZRANGE, ZRANGESTORE, ZREVRANGE,
 * Z[REV]RANGEBYSCORE and Z[REV]RANGEBYLEX, as Redis 7.0's
 * zrangeGenericCommand: the later commands are ZRANGE with its range kind
 * and direction fixed, so their arguments, errors and replies agree.
 *
 * ```text
 * <key> <min> <max> [BYSCORE | BYLEX] [REV] [WITHSCORES] [LIMIT offset count]
 * ```
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { SkipNode, SortedSet } from '../sorted-set.js';
import { integerArg, option } from './args.js';
import { memberAboveMin, memberBelowMax, scoreAboveMin, scoreBelowMax } from './skip-list.js';
import {
  lexRangeArgs,
  rankRange,
  replyNodes,
  scoreRangeArgs,
  sortedSetOf,
  storeZset,
} from './zsets.js';

/** How a command reads its range: fixed by the command, or by ZRANGE's options (`auto`). */
export interface RangeCommand {
  /** Argument index of the source key (min and max follow it). */
  readonly keyAt: number;
  /** Whether the range is stored at argument 1 (ZRANGESTORE) rather than replied. */
  readonly store: boolean;
  readonly kind: 'auto' | 'rank' | 'score' | 'lex';
  readonly reverse: boolean | 'auto';
}

// A 64-bit argument as a JavaScript number; beyond 2^53 only its sign
// matters to ranks, offsets and counts.
function longArg(args: RequestArgs, i: number): number {
  const value = integerArg(args, i);
  if (typeof value === 'number') return value;
  return value < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

/** Runs a ZRANGE-family command (see `RangeCommand`). */
export function zrangeGeneric(
  context: CommandContext,
  args: RequestArgs,
  command: RangeCommand,
): void {
  const { reply, keyspace, now } = context;
  let { kind, reverse } = command;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let i = command.keyAt + 3; i < args.length; i++) {
    const name = option(args, i);
    if (!command.store && name === 'WITHSCORES') withScores = true;
    else if (name === 'LIMIT' && args.length - i - 1 >= 2) {
      offset = longArg(args, i + 1);
      limit = longArg(args, i + 2);
      i += 2;
    } else if (reverse === 'auto' && name === 'REV') reverse = true;
    else if (kind === 'auto' && name === 'BYLEX') kind = 'lex';
    else if (kind === 'auto' && name === 'BYSCORE') kind = 'score';
    else throw new CommandError(Replies.syntax);
  }
  const rev = reverse === true;
  if (kind === 'auto') kind = 'rank';
  // Redis takes LIMIT x -1 for no LIMIT at all.
  if (limit !== -1 && kind === 'rank')
    throw new CommandError(
      'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
    );
  if (withScores && kind === 'lex')
    throw new CommandError('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  // A reversed score or member range is given as max, min.
  const minAt = command.keyAt + (rev && kind !== 'rank' ? 2 : 1);
  const maxAt = command.keyAt + (rev && kind !== 'rank' ? 1 : 2);
  let select: (zset: SortedSet) => SkipNode[];
  if (kind === 'rank') {
    const start = longArg(args, minAt);
    const end = longArg(args, maxAt);
    select = (zset) => byRank(zset, start, end, rev);
  } else if (kind === 'score') {
    const range = scoreRangeArgs(args, minAt, maxAt);
    select = (zset) => {
      // Redis's early exit: an offset past the end finds nothing.
      if (offset > 0 && offset >= zset.size) return [];
      const inRange = rev
        ? (node: SkipNode) => scoreAboveMin(node.score, range)
        : (node: SkipNode) => scoreBelowMax(node.score, range);
      return walk(zset.firstInScoreRange(range, rev), rev, offset, limit, inRange);
    };
  } else {
    const range = lexRangeArgs(args, minAt, maxAt);
    select = (zset) => {
      const inRange = rev
        ? (node: SkipNode) => memberAboveMin(node.member, range.min)
        : (node: SkipNode) => memberBelowMax(node.member, range.max);
      return walk(zset.firstInLexRange(range, rev), rev, offset, limit, inRange);
    };
  }
  const zset = keyspace.readZset(args.latin1(command.keyAt), now)?.value;
  const nodes = zset === undefined ? [] : select(zset);
  if (command.store)
    storeZset(context, args.latin1(1), sortedSetOf(nodes, context.keyspace.limits), 'zrangestore');
  else replyNodes(reply, nodes, withScores);
}

// The nodes from rank start to end (clamped as Redis clamps them).
function byRank(zset: SortedSet, start: number, end: number, reverse: boolean): SkipNode[] {
  const range = rankRange(start, end, zset.size);
  if (range === undefined) return [];
  const nodes: SkipNode[] = [];
  let node = zset.at(range.start, reverse);
  for (let i = range.start; i <= range.end && node !== null; i++) {
    nodes.push(node);
    node = reverse ? node.backward : node.next;
  }
  return nodes;
}

// From `start`, skips `offset` nodes (a negative offset skips them all, as
// Redis's `while (ln && offset--)` does), then takes up to `limit`
// (negative: no limit) while `inRange` holds.
function walk(
  start: SkipNode | null,
  reverse: boolean,
  offset: number,
  limit: number,
  inRange: (node: SkipNode) => boolean,
): SkipNode[] {
  const step = (node: SkipNode) => (reverse ? node.backward : node.next);
  let node = start;
  if (offset < 0) return [];
  for (let skipped = 0; node !== null && skipped < offset; skipped++) node = step(node);
  const nodes: SkipNode[] = [];
  for (; node !== null && nodes.length !== limit && inRange(node); node = step(node))
    nodes.push(node);
  return nodes;
}
