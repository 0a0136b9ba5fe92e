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
  // Not an access for OBJECT IDLETIME (Redis's LOOKUP_NOTOUCH).
  const entry = keyspace.read(args.latin1(1), now, false);
  if (entry === undefined) reply.integer(-2);
  else if (entry.expiresAt === 0) reply.integer(-1);
  else reply.integer(int64(report(entry.expiresAt, now)));
}

// Deadlines are JavaScript numbers, exact up to 2^53 ms; the largest Redis
// allows (2^63 - 1) rounds up to 2^63, which no client can read as a
// signed 64-bit integer. Such a reply is capped at 2^63 - 1.
function int64(value: number): number | bigint {
  return value >= 2 ** 63 ? 9223372036854775807n : value;
}
