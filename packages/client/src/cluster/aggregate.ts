/**
 * One reply from the replies of every shard, for the commands a cluster
 * client sends to all of them (DBSIZE, KEYS, FLUSHALL, SCRIPT EXISTS...),
 * by the `response_policy` the server gives the command (Redis 7's
 * command tips; see command-table.ts).
 *
 * @module
 */

import type { Reply } from '@mini-redis/resp';
import { ClientError } from '../errors.js';
import type { ResponsePolicy } from './command-table.js';

/** What a shard answered: its reply, or the error it failed with. */
export type ShardOutcome =
  | { readonly ok: true; readonly reply: Reply }
  | { readonly ok: false; readonly error: unknown };

/**
 * The replies combined by `policy`:
 * - `one_succeeded`: the first reply; the first error if every shard failed.
 * - `all_succeeded`: the first reply if none failed; else the first error.
 * - `agg_sum`, `agg_min`, `agg_max`: the sum, least or greatest of integer
 *   replies (element by element for arrays of them).
 * - `agg_logical_and`, `agg_logical_or`: 1 or 0, likewise (SCRIPT EXISTS).
 * - none: arrays concatenated (KEYS), else the first reply.
 *
 * Every policy but `one_succeeded` fails with the first error when any
 * shard failed: a sum or a list missing a shard would be wrong.
 *
 * @throws the first shard's error, as above.
 */
export function aggregate(policy: ResponsePolicy, outcomes: readonly ShardOutcome[]): Reply {
  if (policy === 'one_succeeded') {
    const first = outcomes.find((outcome) => outcome.ok);
    if (first !== undefined) return (first as { reply: Reply }).reply;
  }
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed !== undefined) throw (failed as { error: unknown }).error;
  const replies = outcomes.map((outcome) => (outcome as { reply: Reply }).reply);
  switch (policy) {
    case 'agg_sum':
      return combine(replies, (a, b) => a + b);
    case 'agg_min':
      return combine(replies, Math.min);
    case 'agg_max':
      return combine(replies, Math.max);
    case 'agg_logical_and':
      return combine(replies, (a, b) => (a !== 0 && b !== 0 ? 1 : 0));
    case 'agg_logical_or':
      return combine(replies, (a, b) => (a !== 0 || b !== 0 ? 1 : 0));
    case null:
      return replies.every(Array.isArray) ? (replies as Reply[][]).flat(1) : replies[0]!;
    default:
      return replies[0]!;
  }
}

// Integers folded with `fold`, element by element for arrays.
function combine(replies: readonly Reply[], fold: (a: number, b: number) => number): Reply {
  const first = replies[0]!;
  if (Array.isArray(first)) {
    return first.map((_, i) =>
      combine(
        replies.map((reply) => (Array.isArray(reply) ? reply[i]! : reply)),
        fold,
      ),
    );
  }
  let result = Number(first);
  for (let i = 1; i < replies.length; i++) result = fold(result, Number(replies[i]));
  if (!Number.isFinite(result))
    throw new ClientError(
      'ERR_CLUSTER',
      `The shards' replies could not be combined: ${replies.join(', ')}`,
    );
  return result;
}
