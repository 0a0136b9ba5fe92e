/**
 * ZREMRANGEBYSCORE: removes the members whose score is between min and max; replies with how many went.
 *
 * ```text
 * ZREMRANGEBYSCORE key min max
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { removeMembers, scoreRangeArgs } from '../internal/zsets.js';

export const zremrangebyscore: Command = {
  name: 'zremrangebyscore',
  arity: 4,
  flags: ['write'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { reply, keyspace, now } = context;
    const range = scoreRangeArgs(args, 2, 3);
    const key = args.latin1(1);
    const zset = keyspace.getZset(key, now)?.value;
    if (zset === undefined) {
      reply.integer(0);
      return;
    }
    const members = [...zset.whileScoreInRange(zset.firstInScoreRange(range), range)].map(
      (node) => node.member,
    );
    removeMembers(context, key, zset, members, 'zremrangebyscore');
  },
};
