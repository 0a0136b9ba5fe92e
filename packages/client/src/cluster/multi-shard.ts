/**
 * Splitting a multi-key command across slots, for the commands the server
 * marks `request_policy:multi_shard` (MGET, MSET, DEL, EXISTS, UNLINK,
 * TOUCH): one command per slot, each with that slot's keys (and the
 * arguments that go with each key: MSET's values), and the replies joined
 * back, by the command's `response_policy` (DEL's counts summed, MSET's
 * OKs) or, without one, key by key in the order given (MGET's values).
 *
 * Each part runs on its own: the whole is not atomic, as Redis Cluster
 * itself defines these commands across slots.
 *
 * @module
 */

import type { CommandArg, Reply } from '@mini-redis/resp';
import { aggregate, type ShardOutcome } from './aggregate.js';
import type { KeyRange, ResponsePolicy } from './command-table.js';

/** One slot's part of a split command. */
export interface SlotPart {
  readonly slot: number;
  readonly args: CommandArg[];
  /** The positions of its keys among the command's keys, in order. */
  readonly positions: number[];
}

/**
 * `args` split by the slot of each key in `range` (`slotOf`), in the
 * order the slots first appear; one part when every key shares a slot.
 */
export function splitBySlot(
  args: readonly CommandArg[],
  range: KeyRange,
  slotOf: (key: CommandArg) => number,
): SlotPart[] {
  const parts = new Map<number, SlotPart>();
  const head = args.slice(0, range.first);
  const tail = args.slice(range.last + range.step);
  let position = 0;
  for (let i = range.first; i <= range.last; i += range.step, position++) {
    const slot = slotOf(args[i]!);
    let part = parts.get(slot);
    if (part === undefined) {
      part = { slot, args: [...head], positions: [] };
      parts.set(slot, part);
    }
    for (let j = i; j < i + range.step; j++) part.args.push(args[j]!);
    part.positions.push(position);
  }
  for (const part of parts.values()) part.args.push(...tail);
  return [...parts.values()];
}

/**
 * The parts' replies as the whole command's: by `policy`, or, without
 * one, each part's array reply put back key by key (MGET).
 *
 * @throws the first part's error (aggregate.ts), when any part failed.
 */
export function joinParts(
  policy: ResponsePolicy,
  parts: readonly SlotPart[],
  outcomes: readonly ShardOutcome[],
): Reply {
  if (policy !== null) return aggregate(policy, outcomes);
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed !== undefined) throw (failed as { error: unknown }).error;
  const joined: Reply[] = [];
  parts.forEach((part, i) => {
    const reply = (outcomes[i] as { reply: Reply }).reply;
    part.positions.forEach((position, j) => {
      joined[position] = Array.isArray(reply) ? reply[j]! : reply;
    });
  });
  return joined;
}
