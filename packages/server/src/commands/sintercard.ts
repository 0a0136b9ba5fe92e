/**
 * SINTERCARD: how many members every given set has, counting up to LIMIT
 * when given (0: no limit).
 *
 * ```text
 * SINTERCARD numkeys key [key ...] [LIMIT limit]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';
import { intersection, readSets } from '../internal/sets.js';

export const sintercard: Command = {
  name: 'sintercard',
  arity: -3,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['readonly', 'movablekeys'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const numkeys = integerArg(args, 1, 'ERR numkeys should be greater than 0');
    if (numkeys < 1) throw new CommandError('ERR numkeys should be greater than 0');
    if (numkeys > args.length - 2)
      throw new CommandError("ERR Number of keys can't be greater than number of args");
    const end = 2 + Number(numkeys);
    let limit = 0;
    for (let i = end; i < args.length; i++) {
      if (option(args, i) === 'LIMIT' && i + 1 < args.length) {
        const value = integerArg(args, ++i, "ERR LIMIT can't be negative");
        if (value < 0) throw new CommandError("ERR LIMIT can't be negative");
        limit = Number(value);
      } else throw new CommandError(Replies.syntax);
    }
    const count = intersection(readSets(keyspace, args, 2, end, now)).length;
    reply.integer(limit > 0 && count > limit ? limit : count);
  },
};
