/**
 * ZINCRBY: adds increment to a member's score (a new member starts at 0),
 * creating the sorted set when absent; replies with the new score.
 *
 * As in Redis, this is ZADD with INCR: its options are read from the
 * increment's place too, so `ZINCRBY key NX member` (an option, then one
 * argument where a pair must be) is a syntax error, not a bad float.
 *
 * ```text
 * ZINCRBY key increment member
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { addMembers, parseAddFlags } from '../internal/zadd.js';

export const zincrby: Command = {
  name: 'zincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { flags, pairsAt } = parseAddFlags(args);
    flags.incr = true;
    addMembers(context, args, flags, pairsAt);
  },
};
