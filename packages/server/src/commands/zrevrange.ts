/**
 * ZREVRANGE: the members ranked start to stop counting from the highest score (ZRANGE ... REV).
 *
 * ```text
 * ZREVRANGE key start stop [WITHSCORES]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrevrange: Command = {
  name: 'zrevrange',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 1, store: false, kind: 'rank', reverse: true });
  },
};
