/**
 * ZRANGESTORE: ZRANGE's range (without WITHSCORES) stored at destination with its scores, replacing what was there (deleting it when the range is empty); replies with the stored size.
 *
 * ```text
 * ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrangestore: Command = {
  name: 'zrangestore',
  arity: -5,
  flags: ['write', 'denyoom'],
  keys: [1, 2, 1],
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 2, store: true, kind: 'auto', reverse: 'auto' });
  },
};
