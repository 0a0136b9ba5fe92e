/**
 * ZREVRANGEBYLEX: the members between max and min by their bytes, highest first (ZRANGE ... BYLEX REV).
 *
 * ```text
 * ZREVRANGEBYLEX key max min [LIMIT offset count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrevrangebylex: Command = {
  name: 'zrevrangebylex',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 1, store: false, kind: 'lex', reverse: true });
  },
};
