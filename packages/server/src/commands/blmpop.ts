/**
 * BLMPOP: LMPOP that, when every list is absent, blocks the connection
 * until a list is stored at one of the keys or the timeout (seconds, a
 * float; 0 for ever) passes, replying a null array. Inside a transaction
 * it never blocks.
 *
 * ```text
 * BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { timeoutArg } from '../internal/blocking.js';
import { blockForList, popCount, replyPopped } from '../internal/lists.js';
import { parseMultiPop } from '../internal/multi-pop.js';

export const blmpop: Command = {
  name: 'blmpop',
  arity: -5,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['write', 'blocking', 'movablekeys'],
  keys: NO_KEYS,
  execute(context, args) {
    const { reply, keyspace, now, session } = context;
    const { keys, first: left, count } = parseMultiPop(args, 2, ['LEFT', 'RIGHT']);
    const ms = timeoutArg(args, 1, now);
    for (const key of keys) {
      const list = keyspace.getList(key, now)?.value;
      if (list === undefined) continue;
      replyPopped(reply, key, popCount(keyspace, key, list, left, count));
      return;
    }
    if (session.transaction !== null) {
      reply.nullArray();
      return;
    }
    blockForList(
      context,
      keys,
      ms,
      (timedOut) => timedOut.nullArray(),
      (key, list) => {
        const popped = popCount(keyspace, key, list, left, count);
        return (served) => replyPopped(served, key, popped);
      },
    );
  },
};
