/**
 * TTL, PTTL, EXPIRETIME and PEXPIRETIME share their replies for a missing
 * key (-2) and a key without a deadline (-1); only the last case differs.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';

/** Replies -2, -1, or `report(deadline, now)` for the key in argument 1. */
export function replyWithDeadline(
  { reply, keyspace, now }: CommandContext,
  args: RequestArgs,
  report: (deadline: number, now: number) => number,
): void {
  const entry = keyspace.get(args.latin1(1), now);
  if (entry === undefined) reply.integer(-2);
  else if (entry.expiresAt === 0) reply.integer(-1);
  else reply.integer(report(entry.expiresAt, now));
}
