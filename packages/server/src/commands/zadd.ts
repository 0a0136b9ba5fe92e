/**
 * ZADD: adds members with scores to a sorted set, creating it when absent,
 * or changes their scores. NX adds only, XX updates only, GT and LT update
 * only to a greater or lesser score, CH counts changed members too, and
 * INCR adds to the score (as ZINCRBY, replying with the new score, or a
 * null when a flag prevented it). Replies with how many were added.
 *
 * ```text
 * ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { addMembers, parseAddFlags } from '../internal/zadd.js';

export const zadd: Command = {
  name: 'zadd',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { flags, pairsAt } = parseAddFlags(args);
    addMembers(context, args, flags, pairsAt);
  },
};
