/**
 * What the set commands share: replying with a set's members, and the
 * algebra of SINTER, SUNION and SDIFF (and their STORE and CARD forms),
 * computed as Redis 7.0 computes them so that results come in its order
 * wherever Redis's order is not its hash table's.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import type { EncodingLimits } from '../encoding-limits.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_GENERIC, NOTIFY_SET } from '../keyspace-events.js';
import { MemberSet } from '../member-set.js';

/**
 * The sets at arguments `start` to `end` (exclusive), undefined for an
 * absent key, each looked up as a read (its keymiss notified), as Redis
 * looks them all up; WRONGTYPE at the first key of another type.
 */
export function readSets(
  keyspace: Keyspace,
  args: RequestArgs,
  start: number,
  end: number,
  now: number,
): (MemberSet | undefined)[] {
  const sets: (MemberSet | undefined)[] = [];
  for (let i = start; i < end; i++) sets.push(keyspace.readSet(args.latin1(i), now)?.value);
  return sets;
}

/**
 * The S*STORE commands' end: stores `result` at `destination` (replacing
 * any value and its deadline, with `event` notified), or deletes the
 * destination when `result` is empty (with `del` when it existed); replies
 * with the stored size.
 */
export function storeSet(
  { reply, keyspace, now }: CommandContext,
  destination: string,
  result: MemberSet,
  event: 'sinterstore' | 'sunionstore' | 'sdiffstore',
): void {
  if (result.size > 0) {
    keyspace.set(destination, result, now);
    keyspace.notify(NOTIFY_SET, event, destination);
  } else if (keyspace.delete(destination)) {
    keyspace.notify(NOTIFY_GENERIC, 'del', destination);
  }
  reply.integer(result.size);
}

/** Writes `set`'s members as a set reply (`~` in RESP3, an array in RESP2); empty for none. */
export function replyMembers(reply: ReplyEncoder, set: MemberSet | undefined): void {
  if (set === undefined) {
    reply.setHeader(0);
    return;
  }
  reply.setHeader(set.size);
  for (const member of set.members()) reply.bulk(Buffer.from(member, 'latin1'));
}

/**
 * SINTER's members of `sets` (absent keys as undefined: then none), as
 * Redis finds them: walking the smallest set in its order and keeping the
 * members every other set has.
 */
export function intersection(sets: (MemberSet | undefined)[]): string[] {
  if (sets.some((set) => set === undefined || set.size === 0)) return [];
  // Redis sorts the sets by size (qsort; equal sizes keep no set order).
  const bySize = (sets as MemberSet[]).slice().sort((a, b) => a.size - b.size);
  const [smallest, ...others] = bySize;
  const found: string[] = [];
  for (const member of smallest!.members())
    if (others.every((set) => set.has(member))) found.push(member);
  return found;
}

/**
 * SUNION's or SDIFF's result as the new set Redis builds for it (an intset
 * until a member is not an integer, or past set-max-intset-entries in
 * `limits`), whose order the reply follows.
 */
export function unionOrDifference(
  sets: (MemberSet | undefined)[],
  diff: boolean,
  limits: Readonly<EncodingLimits>,
): MemberSet {
  const result = new MemberSet(limits);
  if (!diff) {
    for (const set of sets)
      if (set !== undefined) for (const member of set.members()) result.add(member);
    return result;
  }
  const [first, ...others] = sets;
  if (first === undefined) return result;
  for (const member of first.members())
    if (!others.some((set) => set?.has(member))) result.add(member);
  return result;
}
