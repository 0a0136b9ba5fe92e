/**
 * What the blocking commands share, lists' and sorted sets' pops and the
 * stream reads: the timeout argument, and blocking the connection on
 * keys until a value of the kind it takes from is stored at one of them
 * (blocked-pops.ts queues it).
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { BlockedKind, BlockedPop, Poppable } from '../blocked-pops.js';
import type { CommandContext } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg } from './args.js';
import { parseLongDouble } from './long-double.js';

/**
 * A blocking pop's timeout in seconds (argument `i`, a float, 0 for ever)
 * as milliseconds, read as Redis's getTimeoutFromObjectOrReply reads it:
 * a long double times 1000, truncated to a long long. What does not fit
 * (an infinity, 1e400) wraps negative there, so it is "negative" here too.
 */
export function timeoutArg(args: RequestArgs, i: number, now: number): number {
  const value = parseLongDouble(args.latin1(i));
  if (value === undefined) throw new CommandError('ERR timeout is not a float or out of range');
  const seconds = value.infinite
    ? Number.POSITIVE_INFINITY
    : (value.negative ? -1 : 1) * Number(value.significand) * 2 ** value.exponent;
  const ms = Math.trunc(seconds * 1000);
  if (ms < 0 || !Number.isFinite(ms) || ms >= 2 ** 63)
    throw new CommandError('ERR timeout is negative');
  if (ms > 0 && ms > 2 ** 63 - 1 - now) throw new CommandError('ERR timeout is out of range');
  return ms;
}

/**
 * XREAD's and XREADGROUP's BLOCK argument `i`, in milliseconds (an
 * integer, 0 for ever), as getTimeoutFromObjectOrReply reads it with
 * UNIT_MILLISECONDS.
 */
export function msTimeoutArg(args: RequestArgs, i: number, now: number): number {
  const value = integerArg(args, i, 'ERR timeout is not an integer or out of range');
  if (value < 0) throw new CommandError('ERR timeout is negative');
  if (value > 0 && BigInt(value) > 2n ** 63n - 1n - BigInt(now))
    throw new CommandError('ERR timeout is out of range');
  return Number(value);
}

/**
 * Blocks the connection until a value of `kind` is stored at one of
 * `keys` (then `serve` takes from it and returns the reply to write; a
 * stream reader may return undefined, nothing new for it, and wait on)
 * or `ms` pass (0: for ever; then `timedOut` replies). The blocked
 * connection's later commands wait behind it; CLIENT UNBLOCK and a closed
 * connection end it (the queue entry goes with it).
 */
export function blockForKeys(
  { session, db, keyspace }: CommandContext,
  kind: BlockedKind,
  keys: readonly string[],
  ms: number,
  timedOut: (reply: ReplyEncoder) => void,
  serve: (
    key: string,
    value: Poppable | undefined,
    now: number,
  ) => ((reply: ReplyEncoder) => void) | undefined,
): void {
  const pop: BlockedPop = {
    keyspace,
    keys,
    kind,
    serve: (key, value) => {
      const write = serve(key, value, Date.now());
      if (write === undefined) return false;
      session.unblock(write);
      return true;
    },
  };
  db.blocked.add(pop);
  session.block = {
    ms: ms === 0 ? Number.POSITIVE_INFINITY : ms,
    finish: timedOut,
    cancel: () => db.blocked.remove(pop),
  };
}
