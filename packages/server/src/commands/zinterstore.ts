/**
 * ZINTERSTORE: ZINTER's result stored at destination (replacing what was there, deleting it when empty); replies with its size.
 *
 * ```text
 * ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { combineSets } from '../internal/zset-algebra.js';

export const zinterstore: Command = {
  name: 'zinterstore',
  arity: -4,
  flags: ['write', 'denyoom', 'movablekeys'],
  keys: FIRST_KEY,
  execute(context, args) {
    combineSets(context, args, { op: 'inter', numkeysAt: 2, output: 'store' });
  },
};
