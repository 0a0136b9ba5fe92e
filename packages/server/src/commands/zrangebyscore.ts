/**
 * ZRANGEBYSCORE: the members whose score is between min and max, lowest first (ZRANGE ... BYSCORE).
 *
 * ```text
 * ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrangebyscore: Command = {
  name: 'zrangebyscore',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 1, store: false, kind: 'score', reverse: false });
  },
};
