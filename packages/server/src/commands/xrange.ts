/**
 * XRANGE: the entries from start to end, inclusive (`-` and `+` for the
 * stream's ends, `(` before an ID to leave it out, `<ms>` alone for all
 * of that millisecond), first to last, at most COUNT of them.
 *
 * ```text
 * XRANGE key start end [COUNT count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { xrangeGeneric } from '../internal/streams.js';

export const xrange: Command = {
  name: 'xrange',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    xrangeGeneric(context, args, false);
  },
};
