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
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';
import { elementsRemoved, indexOf, sideArg } from '../internal/lists.js';

export const lmpop: Command = {
  name: 'lmpop',
  arity: -4,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['write', 'movablekeys'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const numkeys = integerArg(args, 1, 'ERR numkeys should be greater than 0');
    if (numkeys < 1) throw new CommandError('ERR numkeys should be greater than 0');
    const sideIndex = 2 + indexOf(numkeys);
    if (sideIndex >= args.length) throw new CommandError(Replies.syntax);
    const left = sideArg(args, sideIndex);
    let count = -1;
    for (let i = sideIndex + 1; i < args.length; i++) {
      if (count === -1 && option(args, i) === 'COUNT' && i + 1 < args.length) {
        const value = integerArg(args, ++i, 'ERR count should be greater than 0');
        if (value < 1) throw new CommandError('ERR count should be greater than 0');
        count = indexOf(value);
      } else throw new CommandError(Replies.syntax);
    }
    if (count === -1) count = 1;
    for (let i = 2; i < sideIndex; i++) {
      const key = args.latin1(i);
      const list = keyspace.getList(key, now)?.value;
      if (list === undefined || list.length === 0) continue;
      const popped = Math.min(count, list.length);
      reply.arrayHeader(2);
      reply.bulk(Buffer.from(key, 'latin1'));
      reply.arrayHeader(popped);
      for (let n = 0; n < popped; n++) reply.bulk(list.pop(left)!);
      elementsRemoved(keyspace, key, list, left);
      return;
    }
    reply.nullArray();
  },
};
