/**
 * ZREM: removes members from a sorted set (deleting it with its last); replies with how many were there.
 *
 * ```text
 * ZREM key member [member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { removeMembers } from '../internal/zsets.js';

export const zrem: Command = {
  name: 'zrem',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { reply, keyspace, now } = context;
    const key = args.latin1(1);
    const zset = keyspace.getZset(key, now)?.value;
    if (zset === undefined) {
      reply.integer(0);
      return;
    }
    const members: string[] = [];
    for (let i = 2; i < args.length; i++) members.push(args.latin1(i));
    removeMembers(context, key, zset, members, 'zrem');
  },
};
