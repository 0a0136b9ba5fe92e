/**
 * LMPOP: pops up to COUNT elements (default 1) from one end of the first
 * non-empty list among the keys; replies [key, elements], or a null array
 * when every list is empty or absent.
 *
 * ```text
 * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { popCount, replyPopped } from '../internal/lists.js';
import { parseMultiPop } from '../internal/multi-pop.js';

export const lmpop: Command = {
  name: 'lmpop',
  arity: -4,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['write', 'movablekeys'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const { keys, first: left, count } = parseMultiPop(args, 1, ['LEFT', 'RIGHT']);
    for (const key of keys) {
      const list = keyspace.getList(key, now)?.value;
      if (list === undefined) continue;
      replyPopped(reply, key, popCount(keyspace, key, list, left, count));
      return;
    }
    reply.nullArray();
  },
};
