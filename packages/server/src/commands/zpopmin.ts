/**
 * ZPOPMIN: removes and replies with the members with the lowest scores, with their scores: one without a count (a flat [member, score]), up to count with one (pairs in RESP3). The key is deleted with its last member.
 *
 * ```text
 * ZPOPMIN key [count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zpop } from '../internal/zsets.js';

export const zpopmin: Command = {
  name: 'zpopmin',
  arity: -2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    zpop(reply, keyspace, now, args, true);
  },
};
