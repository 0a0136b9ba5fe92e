/**
 * ZSCORE: a member's score (Redis's %.17g text), or a null.
 *
 * ```text
 * ZSCORE key member
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyScore } from '../internal/scores.js';

export const zscore: Command = {
  name: 'zscore',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const score = keyspace.readZset(args.latin1(1), now)?.value.score(args.latin1(2));
    if (score === undefined) reply.null();
    else replyScore(reply, score);
  },
};
