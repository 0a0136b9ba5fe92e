/**
 * ZLEXCOUNT: how many members are between min and max by their bytes (`[a`, `(a`, `-`, `+`); meant for sets whose scores are all equal.
 *
 * ```text
 * ZLEXCOUNT key min max
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { lexRangeArgs } from '../internal/zsets.js';

export const zlexcount: Command = {
  name: 'zlexcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const range = lexRangeArgs(args, 2, 3);
    reply.integer(keyspace.readZset(args.latin1(1), now)?.value.countInLexRange(range) ?? 0);
  },
};
