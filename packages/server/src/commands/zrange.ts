/**
 * ZRANGE: the members in a range of ranks (0-based, negative from the end), of scores (BYSCORE: `(` for an open end, `-inf`, `+inf`) or of member bytes (BYLEX: `[a`, `(a`, `-`, `+`), lowest first or, with REV, highest first (then min and max of BYSCORE and BYLEX come as max, min); LIMIT offset count pages a BYSCORE or BYLEX range; WITHSCORES adds the scores (pairs in RESP3).
 *
 * ```text
 * ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { zrangeGeneric } from '../internal/zrange.js';

export const zrange: Command = {
  name: 'zrange',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    zrangeGeneric(context, args, { keyAt: 1, store: false, kind: 'auto', reverse: 'auto' });
  },
};
