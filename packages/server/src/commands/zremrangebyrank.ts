/**
 * ZREMRANGEBYRANK: removes the members ranked start to stop (0-based, lowest score first; negative ranks count from the end); replies with how many went.
 *
 * ```text
 * ZREMRANGEBYRANK key start stop
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { indexOf } from '../internal/lists.js';
import { rankRange, removeMembers } from '../internal/zsets.js';

export const zremrangebyrank: Command = {
  name: 'zremrangebyrank',
  arity: 4,
  flags: ['write'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { reply, keyspace, now } = context;
    const start = indexOf(integerArg(args, 2));
    const stop = indexOf(integerArg(args, 3));
    const key = args.latin1(1);
    const zset = keyspace.getZset(key, now)?.value;
    const range = zset === undefined ? undefined : rankRange(start, stop, zset.size);
    if (zset === undefined || range === undefined) {
      reply.integer(0);
      return;
    }
    const members: string[] = [];
    let node = zset.at(range.start);
    for (let i = range.start; i <= range.end && node !== null; i++, node = node.next)
      members.push(node.member);
    removeMembers(context, key, zset, members, 'zremrangebyrank');
  },
};
