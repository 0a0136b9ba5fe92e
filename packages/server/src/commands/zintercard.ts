/**
 * ZINTERCARD: how many members ZINTER would return, counting no further than LIMIT (0: no limit).
 *
 * ```text
 * ZINTERCARD numkeys key [key ...] [LIMIT limit]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { combineSets } from '../internal/zset-algebra.js';

export const zintercard: Command = {
  name: 'zintercard',
  arity: -3,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['readonly', 'movablekeys'],
  keys: NO_KEYS,
  execute(context, args) {
    combineSets(context, args, { op: 'inter', numkeysAt: 1, output: 'count' });
  },
};
