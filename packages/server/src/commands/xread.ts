/**
 * XREAD: entries after an ID from one or more streams (`$`: only what
 * arrives from now on), at most COUNT per stream. With BLOCK (ms, 0 for
 * ever) and nothing to read yet, waits for XADD on one of the keys;
 * a null array when nothing came.
 *
 * ```text
 * XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { xreadGeneric } from '../internal/xread.js';

export const xread: Command = {
  name: 'xread',
  arity: -4,
  flags: ['readonly', 'blocking', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    xreadGeneric(context, args, false);
  },
};
