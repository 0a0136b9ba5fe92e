/**
 * ZRANGEBYLEX: the members between min and max by their bytes, lowest first (ZRANGE ... BYLEX).
 *
 * ```text
 * ZRANGEBYLEX key min max [LIMIT offset count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrangebylex: Command = {
  name: 'zrangebylex',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 1, store: false, kind: 'lex', reverse: false });
  },
};
