/**
 * The sorted-set commands' arguments and reply shapes for the client's
 * typed methods (commands.ts): members given with their scores in
 * several forms, scores sent so that Redis reads back exactly the double
 * given, and the replies that differ between RESP3 (doubles, [member,
 * score] pairs) and RESP2 (strings, flat arrays, from a server that
 * refused HELLO 3) turned into one shape whatever the protocol.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';
import { keyList, type MemberScanOptions } from './collection-args.js';
import type { CommandOptions } from './commands.js';

/** A member and its score, as the sorted-set replies resolve them. */
export interface ScoredMember {
  readonly member: string;
  readonly score: number;
}

/**
 * A score or a score bound: a number (`Infinity` and `-Infinity` are
 * Redis's `+inf` and `-inf`), or Redis's own text (`'(1.5'` for an open
 * bound, `'+inf'`).
 */
export type Score = number | string;

/**
 * One member with its score, several, or a Map or object from member to
 * score. An object whose only keys are `score` and `member` is one
 * member: to add members named so, use a Map or the array form.
 */
export type ScoredMembers =
  | { readonly score: Score; readonly member: string | Buffer | number }
  | readonly { readonly score: Score; readonly member: string | Buffer | number }[]
  | ReadonlyMap<string | Buffer, Score>
  | Readonly<Record<string, Score>>;

/** ZADD's flags, as Redis spells them. */
export interface ZaddOptions extends CommandOptions {
  /** Only add new members. */
  readonly NX?: boolean;
  /** Only update existing members. */
  readonly XX?: boolean;
  /** Only update a member to a greater score (new members are still added). */
  readonly GT?: boolean;
  /** Only update a member to a lesser score (new members are still added). */
  readonly LT?: boolean;
  /** Count changed members as well as new ones. */
  readonly CH?: boolean;
}

/** ZRANGE's options. */
export interface ZrangeOptions extends CommandOptions {
  /** Read `min` and `max` as scores (`SCORE`) or member bounds (`LEX`: `'[a'`, `'(a'`, `'-'`, `'+'`); ranks by default. */
  readonly BY?: 'SCORE' | 'LEX';
  /** Highest first (then `min` and `max` of a SCORE or LEX range are given as they come: max first). */
  readonly REV?: boolean;
  /** A page of a SCORE or LEX range. */
  readonly LIMIT?: { readonly offset: number; readonly count: number };
}

/** The legacy range commands' option (ZRANGEBYSCORE, ZRANGEBYLEX and their REV forms). */
export interface ZrangeLimitOptions extends CommandOptions {
  readonly LIMIT?: { readonly offset: number; readonly count: number };
}

/** ZUNION's and ZINTER's options (and their STORE forms'). */
export interface ZcombineOptions extends CommandOptions {
  /** One multiplier per key, in order. */
  readonly WEIGHTS?: readonly number[];
  /** How a member's scores combine (default SUM). */
  readonly AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** ZINTERCARD's options. */
export interface ZintercardOptions extends CommandOptions {
  /** Stop counting at this many (0: no limit). */
  readonly LIMIT?: number;
}

/** ZSCAN's options, as Redis spells them. */
export type ZscanOptions = MemberScanOptions;

/**
 * A score as an argument: a number's shortest text (which strtod reads
 * back as the same double), `+inf`/`-inf` for the infinities; text as
 * given.
 */
export function scoreArg(score: Score): string {
  if (typeof score === 'string') return score;
  if (score === Number.POSITIVE_INFINITY) return '+inf';
  if (score === Number.NEGATIVE_INFINITY) return '-inf';
  return String(score);
}

/** `score member score member...` from `members`. */
export function scoredMemberArgs(members: ScoredMembers): CommandArg[] {
  const args: CommandArg[] = [];
  if (members instanceof Map) {
    for (const [member, score] of members) args.push(scoreArg(score), member);
  } else if (Array.isArray(members)) {
    for (const { score, member } of members) args.push(scoreArg(score), member);
  } else if ('score' in members && 'member' in members && Object.keys(members).length === 2) {
    const { score, member } = members as { score: Score; member: string | Buffer | number };
    args.push(scoreArg(score), member);
  } else {
    for (const [member, score] of Object.entries(members as Record<string, Score>))
      args.push(scoreArg(score), member);
  }
  if (args.length === 0) throw new RangeError('ZADD needs at least one member');
  return args;
}

/** ZADD's arguments. */
export function zaddArgs(key: string, members: ScoredMembers, options?: ZaddOptions): CommandArg[] {
  const args: CommandArg[] = ['ZADD', key];
  if (options?.NX) args.push('NX');
  if (options?.XX) args.push('XX');
  if (options?.GT) args.push('GT');
  if (options?.LT) args.push('LT');
  if (options?.CH) args.push('CH');
  args.push(...scoredMemberArgs(members));
  return args;
}

/** ZRANGE's or ZRANGESTORE's arguments after the key(s). */
export function zrangeArgs(min: Score, max: Score, options?: ZrangeOptions): CommandArg[] {
  const args: CommandArg[] = [scoreArg(min), scoreArg(max)];
  if (options?.BY !== undefined) args.push(options.BY === 'SCORE' ? 'BYSCORE' : 'BYLEX');
  if (options?.REV) args.push('REV');
  if (options?.LIMIT !== undefined) args.push('LIMIT', options.LIMIT.offset, options.LIMIT.count);
  return args;
}

/** A LIMIT option as arguments (none when absent). */
export function limitArgs(options?: ZrangeLimitOptions): CommandArg[] {
  return options?.LIMIT === undefined ? [] : ['LIMIT', options.LIMIT.offset, options.LIMIT.count];
}

/** ZUNION's, ZINTER's or ZDIFF's arguments from numkeys on. */
export function combineArgs(
  keys: string | readonly string[],
  options?: ZcombineOptions,
): CommandArg[] {
  const list = keyList(keys);
  const args: CommandArg[] = [list.length, ...list];
  if (options?.WEIGHTS !== undefined) args.push('WEIGHTS', ...options.WEIGHTS.map(scoreArg));
  if (options?.AGGREGATE !== undefined) args.push('AGGREGATE', options.AGGREGATE);
  return args;
}

/** A score reply (a RESP3 double, or RESP2's text) as a number; null stays null. */
export function scoreOf(reply: Reply): number | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'number') return reply;
  const text = String(reply);
  // Redis prints the infinities as inf and -inf, which Number() does not read.
  if (text === 'inf' || text === '+inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/**
 * Members with scores from a reply: RESP3's [member, score] pairs or
 * RESP2's flat member, score, member, score... array.
 */
export function scoredMembersOf(reply: Reply): ScoredMember[] {
  const items = (reply ?? []) as Reply[];
  const scored: ScoredMember[] = [];
  if (items.length > 0 && Array.isArray(items[0])) {
    for (const pair of items as Reply[][])
      scored.push({ member: String(pair[0]), score: scoreOf(pair[1]!)! });
    return scored;
  }
  for (let i = 0; i + 1 < items.length; i += 2)
    scored.push({ member: String(items[i]), score: scoreOf(items[i + 1]!)! });
  return scored;
}

/** ZMPOP's and BZMPOP's reply, [key, pairs] or null, as [key, members] or null. */
export function keyedScoredOf(reply: Reply): [key: string, members: ScoredMember[]] | null {
  if (reply === null || reply === undefined) return null;
  const [key, items] = reply as [Reply, Reply];
  return [String(key), scoredMembersOf(items)];
}

/** BZPOPMIN's and BZPOPMAX's reply, [key, member, score] or null, as [key, member] or null. */
export function keyedMemberOf(reply: Reply): [key: string, member: ScoredMember] | null {
  if (reply === null || reply === undefined) return null;
  const [key, member, score] = reply as [Reply, Reply, Reply];
  return [String(key), { member: String(member), score: scoreOf(score)! }];
}
