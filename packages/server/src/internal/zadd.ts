/**
 * ZADD and ZINCRBY, one implementation as in Redis 7.0
 * (zaddGenericCommand): ZINCRBY is ZADD INCR, reading the same options.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { NOTIFY_ZSET } from '../keyspace-events.js';
import { option } from './args.js';
import { replyScore, scoreArg } from './scores.js';

/** ZADD's flags. */
export interface AddFlags {
  /** Only add new members. */
  nx: boolean;
  /** Only update existing members. */
  xx: boolean;
  /** Only update to a greater score. */
  gt: boolean;
  /** Only update to a lesser score. */
  lt: boolean;
  /** Reply with how many were added or changed, not only added. */
  ch: boolean;
  /** Add the score to the member's (ZINCRBY), replying with the result. */
  incr: boolean;
}

/**
 * ZADD's flags from argument 2 on, and where the score-member pairs start
 * (the first argument that is not a flag). GEOADD's (`geo`) are NX, XX and
 * CH alone.
 */
export function parseAddFlags(
  args: RequestArgs,
  geo = false,
): { flags: AddFlags; pairsAt: number } {
  const flags: AddFlags = { nx: false, xx: false, gt: false, lt: false, ch: false, incr: false };
  let at = 2;
  for (; at < args.length; at++) {
    const name = option(args, at);
    if (name === 'NX') flags.nx = true;
    else if (name === 'XX') flags.xx = true;
    else if (name === 'CH') flags.ch = true;
    else if (geo) break;
    else if (name === 'INCR') flags.incr = true;
    else if (name === 'GT') flags.gt = true;
    else if (name === 'LT') flags.lt = true;
    else break;
  }
  return { flags, pairsAt: at };
}

/**
 * Adds or updates the score-member pairs from argument `pairsAt` on, as
 * `flags` say, checking everything (arguments, then scores, then the
 * key's type) before changing anything; replies as ZADD or, with
 * `incr`, as ZINCRBY. Notifies `zadd` (`zincr`) when a member was added
 * or changed.
 */
export function addMembers(
  context: CommandContext,
  args: RequestArgs,
  flags: AddFlags,
  pairsAt: number,
): void {
  const { nx, xx, gt, lt, incr } = flags;
  const elements = args.length - pairsAt;
  if (elements === 0 || elements % 2 !== 0) throw new CommandError(Replies.syntax);
  if (nx && xx) throw new CommandError('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt))
    throw new CommandError('ERR GT, LT, and/or NX options at the same time are not compatible');
  if (incr && elements > 2)
    throw new CommandError('ERR INCR option supports a single increment-element pair');
  const scores: number[] = [];
  for (let i = pairsAt; i < args.length; i += 2) scores.push(scoreArg(args, i));
  const members: string[] = [];
  for (let i = pairsAt + 1; i < args.length; i += 2) members.push(args.latin1(i));
  addScores(context, args.latin1(1), scores, members, flags);
}

/**
 * ZADD's work once its arguments are checked and parsed: adds or updates
 * `members` with `scores` at `key` as `flags` say (WRONGTYPE when the key
 * holds another type), replies as ZADD or, with `incr`, as ZINCRBY, and
 * notifies `zadd` (`zincr`) when a member was added or changed. GEOADD
 * ends here too, with its points' scores, as Redis's ends in ZADD.
 */
export function addScores(
  { reply, keyspace, now }: CommandContext,
  key: string,
  scores: readonly number[],
  members: readonly string[],
  flags: AddFlags,
): void {
  const { nx, xx, gt, lt, ch, incr } = flags;
  const existed = keyspace.getZset(key, now) !== undefined;
  if (!existed && xx) {
    // Nothing to update: no key is created.
    if (incr) reply.null();
    else reply.integer(0);
    return;
  }
  const zset = keyspace.zsetForWrite(key, now, members[0]!);
  let added = 0;
  let updated = 0;
  let processed = 0;
  let result = 0;
  for (let j = 0; j < scores.length; j++) {
    const member = members[j]!;
    let score = scores[j]!;
    const current = zset.score(member);
    if (current === undefined) {
      if (xx) continue;
      zset.add(member, score);
      added++;
    } else {
      if (nx) continue;
      if (incr) {
        score += current;
        // inf + -inf: refused, and nothing changes (INCR takes one pair).
        if (Number.isNaN(score))
          throw new CommandError('ERR resulting score is not a number (NaN)');
      }
      if ((lt && score >= current) || (gt && score <= current)) continue;
      if (zset.add(member, score) === 'updated') updated++;
    }
    processed++;
    result = score;
  }
  if (incr) {
    if (processed > 0) replyScore(reply, result);
    else reply.null();
  } else reply.integer(ch ? added + updated : added);
  if (added + updated > 0) {
    // A new set has signalled its watchers as it was stored.
    if (existed) keyspace.touch(key);
    keyspace.notify(NOTIFY_ZSET, incr ? 'zincr' : 'zadd', key);
  }
}
