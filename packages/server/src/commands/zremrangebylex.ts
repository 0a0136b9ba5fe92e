/**
 * ZREMRANGEBYLEX: removes the members between min and max by their bytes; replies with how many went.
 *
 * ```text
 * ZREMRANGEBYLEX key min max
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { lexRangeArgs, removeMembers } from '../internal/zsets.js';

export const zremrangebylex: Command = {
  name: 'zremrangebylex',
  arity: 4,
  flags: ['write'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { reply, keyspace, now } = context;
    const range = lexRangeArgs(args, 2, 3);
    const key = args.latin1(1);
    const zset = keyspace.getZset(key, now)?.value;
    if (zset === undefined) {
      reply.integer(0);
      return;
    }
    const members = [...zset.whileMemberInRange(zset.firstToRemoveInLexRange(range), range)].map(
      (node) => node.member,
    );
    removeMembers(context, key, zset, members, 'zremrangebylex');
  },
};
