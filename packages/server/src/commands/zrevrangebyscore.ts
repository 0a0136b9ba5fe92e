/**
 * ZREVRANGEBYSCORE: the members whose score is between max and min, highest first (ZRANGE ... BYSCORE REV).
 *
 * ```text
 * ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrevrangebyscore: Command = {
  name: 'zrevrangebyscore',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 1, store: false, kind: 'score', reverse: true });
  },
};
