/**
 * ZDIFFSTORE: ZDIFF's result stored at destination (replacing what was there, deleting it when empty); replies with its size.
 *
 * ```text
 * ZDIFFSTORE destination numkeys key [key ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { combineSets } from '../internal/zset-algebra.js';

export const zdiffstore: Command = {
  name: 'zdiffstore',
  arity: -4,
  flags: ['write', 'denyoom', 'movablekeys'],
  keys: FIRST_KEY,
  execute(context, args) {
    combineSets(context, args, { op: 'diff', numkeysAt: 2, output: 'store' });
  },
};
