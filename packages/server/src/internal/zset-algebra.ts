/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: one
 * implementation, as Redis 7.0's zunionInterDiffGenericCommand, so that
 * their argument checks come in Redis's order (numkeys, then the keys'
 * types, then the options) and their scores are computed as Redis
 * computes them, down to the order in which a SUM adds (sets taken from
 * the smallest, as Redis sorts them) and NaN (0 times infinity, or
 * infinity minus infinity) counting as 0.
 *
 * Plain sets take part as if every member scored 1. Every result is a
 * new sorted set, so replies come in score order whatever the inputs.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { MemberSet } from '../member-set.js';
import { SortedSet } from '../sorted-set.js';
import { integerArg, option } from './args.js';
import { scoreArg } from './scores.js';
import { replyNodes, storeZset } from './zsets.js';

/** Which command runs: the operation, where numkeys is, and what becomes of the result. */
export interface CombineCommand {
  readonly op: 'union' | 'inter' | 'diff';
  /** 1 for ZUNION and its kin, 2 for the STORE forms (the destination is argument 1). */
  readonly numkeysAt: number;
  /** Reply with the members, store them (the STORE forms), or count them (ZINTERCARD). */
  readonly output: 'reply' | 'store' | 'count';
}

type Aggregate = 'SUM' | 'MIN' | 'MAX';

interface Source {
  readonly set: SortedSet | MemberSet | undefined;
  weight: number;
}

function sizeOf(source: Source): number {
  return source.set?.size ?? 0;
}

// A member's score in a source: a plain set's members score 1.
function scoreIn(set: SortedSet | MemberSet, member: string): number | undefined {
  if (set instanceof SortedSet) return set.score(member);
  return set.has(member) ? 1 : undefined;
}

// Every member of a source with its score.
function* scored(set: SortedSet | MemberSet): Generator<[string, number]> {
  if (set instanceof SortedSet) for (const node of set.nodes()) yield [node.member, node.score];
  else for (const member of set.members()) yield [member, 1];
}

// Redis's zunionInterAggregate.
function aggregated(target: number, value: number, aggregate: Aggregate): number {
  if (aggregate === 'SUM') {
    const sum = target + value;
    return Number.isNaN(sum) ? 0 : sum;
  }
  // C's `val < target ? val : target`: a NaN value (0 * inf) keeps the
  // target, where Math.min would answer NaN.
  // biome-ignore lint/complexity/useMathMinMax: NaN must keep the target, as in C
  if (aggregate === 'MIN') return value < target ? value : target;
  // biome-ignore lint/complexity/useMathMinMax: NaN must keep the target, as in C
  return value > target ? value : target;
}

// A weighted score; NaN (0 * inf) counts as 0.
function weighted(weight: number, score: number): number {
  const product = weight * score;
  return Number.isNaN(product) ? 0 : product;
}

/** Runs one of the commands (see `CombineCommand`). */
export function combineSets(
  context: CommandContext,
  args: RequestArgs,
  command: CombineCommand,
): void {
  const { reply, keyspace, now } = context;
  const { op, numkeysAt, output } = command;
  const numkeys = integerArg(args, numkeysAt);
  if (numkeys < 1)
    throw new CommandError(
      `ERR at least 1 input key is needed for '${args.latin1(0).toLowerCase()}' command`,
    );
  if (numkeys > args.length - (numkeysAt + 1)) throw new CommandError(Replies.syntax);
  const count = Number(numkeys);
  const sources: Source[] = [];
  for (let i = 0; i < count; i++) {
    const set = keyspace.read(args.latin1(numkeysAt + 1 + i), now)?.value;
    if (set !== undefined && !(set instanceof SortedSet) && !(set instanceof MemberSet))
      throw new CommandError(Replies.wrongType);
    sources.push({ set, weight: 1 });
  }
  let aggregate: Aggregate = 'SUM';
  let withScores = false;
  let limit = 0;
  let j = numkeysAt + 1 + count;
  while (j < args.length) {
    const remaining = args.length - j;
    const name = option(args, j);
    const weighable = op !== 'diff' && output !== 'count';
    if (weighable && remaining >= count + 1 && name === 'WEIGHTS') {
      j++;
      for (const source of sources)
        source.weight = scoreArg(args, j++, 'ERR weight value is not a float');
    } else if (weighable && remaining >= 2 && name === 'AGGREGATE') {
      const how = option(args, j + 1);
      if (how !== 'SUM' && how !== 'MIN' && how !== 'MAX') throw new CommandError(Replies.syntax);
      aggregate = how;
      j += 2;
    } else if (output === 'reply' && name === 'WITHSCORES') {
      withScores = true;
      j++;
    } else if (output === 'count' && remaining >= 2 && name === 'LIMIT') {
      const value = integerArg(args, j + 1, "ERR LIMIT can't be negative");
      if (value < 0) throw new CommandError("ERR LIMIT can't be negative");
      limit = value > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : Number(value);
      j += 2;
    } else throw new CommandError(Replies.syntax);
  }
  // Smallest first, as Redis's qsort (glibc's, a stable merge sort) orders them.
  if (op !== 'diff') sources.sort((a, b) => sizeOf(a) - sizeOf(b));
  const result = new SortedSet(keyspace.limits, false);
  let cardinality = 0;
  if (op === 'inter') {
    const [smallest, ...others] = sources;
    if (smallest!.set !== undefined && smallest!.set.size > 0) {
      for (const [member, score] of scored(smallest!.set)) {
        let total = weighted(smallest!.weight, score);
        let everywhere = true;
        for (const other of others) {
          const found = scoreIn(other.set!, member);
          if (found === undefined) {
            everywhere = false;
            break;
          }
          total = aggregated(total, found * other.weight, aggregate);
        }
        if (!everywhere) continue;
        if (output === 'count') {
          cardinality++;
          if (limit > 0 && cardinality >= limit) break;
        } else result.add(member, total);
      }
    }
  } else if (op === 'union') {
    const totals = new Map<string, number>();
    for (const source of sources) {
      if (source.set === undefined) continue;
      for (const [member, score] of scored(source.set)) {
        const value = weighted(source.weight, score);
        const total = totals.get(member);
        totals.set(member, total === undefined ? value : aggregated(total, value, aggregate));
      }
    }
    for (const [member, total] of totals) result.add(member, total);
  } else {
    const [first, ...others] = sources;
    if (first!.set !== undefined)
      for (const [member, score] of scored(first!.set))
        if (
          !others.some(
            (other) => other.set !== undefined && scoreIn(other.set, member) !== undefined,
          )
        )
          result.add(member, score);
  }
  if (output === 'count') reply.integer(cardinality);
  else if (output === 'reply') replyNodes(reply, [...result.nodes()], withScores);
  else {
    result.fitEncoding();
    storeZset(context, args.latin1(1), result, `z${op}store` as 'zunionstore');
  }
}
