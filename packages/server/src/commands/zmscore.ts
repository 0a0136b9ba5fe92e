/**
 * ZMSCORE: the scores of several members, a null for each that is not one.
 *
 * ```text
 * ZMSCORE key member [member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyScore } from '../internal/scores.js';

export const zmscore: Command = {
  name: 'zmscore',
  arity: -3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const zset = keyspace.readZset(args.latin1(1), now)?.value;
    reply.arrayHeader(args.length - 2);
    for (let i = 2; i < args.length; i++) {
      const score = zset?.score(args.latin1(i));
      if (score === undefined) reply.null();
      else replyScore(reply, score);
    }
  },
};
