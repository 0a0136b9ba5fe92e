/**
 * ZCOUNT: how many members have a score between min and max (`(` for an open end, `-inf`, `+inf`).
 *
 * ```text
 * ZCOUNT key min max
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { scoreRangeArgs } from '../internal/zsets.js';

export const zcount: Command = {
  name: 'zcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const range = scoreRangeArgs(args, 2, 3);
    reply.integer(keyspace.readZset(args.latin1(1), now)?.value.countInScoreRange(range) ?? 0);
  },
};
