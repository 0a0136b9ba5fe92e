/**
 * ZMPOP: pops up to COUNT members (default 1) with the lowest (MIN) or highest (MAX) scores from the first non-empty sorted set among the keys; replies [key, [[member, score] ...]], or a null array when every key is empty or absent.
 *
 * ```text
 * ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { parseMultiPop } from '../internal/multi-pop.js';
import { popNodes } from '../internal/zsets.js';

export const zmpop: Command = {
  name: 'zmpop',
  arity: -4,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['write', 'movablekeys'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const { keys, first: min, count } = parseMultiPop(args, 1, ['MIN', 'MAX']);
    for (const key of keys) {
      const zset = keyspace.getZset(key, now)?.value;
      if (zset === undefined) continue;
      popNodes(reply, keyspace, key, zset, min, count, 'keyedNested');
      return;
    }
    reply.nullArray();
  },
};
