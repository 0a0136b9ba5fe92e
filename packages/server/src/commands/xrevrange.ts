/**
 * XREVRANGE: XRANGE's entries from last to first; the range is given end
 * first.
 *
 * ```text
 * XREVRANGE key end start [COUNT count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { xrangeGeneric } from '../internal/streams.js';

export const xrevrange: Command = {
  name: 'xrevrange',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    xrangeGeneric(context, args, true);
  },
};
