/**
 * ZINCRBY: adds increment to a member's score (a new member starts at 0),
 * creating the sorted set when absent; replies with the new score.
 *
 * ```text
 * ZINCRBY key increment member
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { addMembers } from '../internal/zadd.js';

export const zincrby: Command = {
  name: 'zincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    const flags = { nx: false, xx: false, gt: false, lt: false, ch: false, incr: true };
    addMembers(context, args, flags, 2);
  },
};
