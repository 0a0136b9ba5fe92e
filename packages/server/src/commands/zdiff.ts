/**
 * ZDIFF: the members of the first sorted set (or plain set, score 1) that no other has, with the first set's scores, in score order; WITHSCORES adds them.
 *
 * ```text
 * ZDIFF numkeys key [key ...] [WITHSCORES]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { combineSets } from '../internal/zset-algebra.js';

export const zdiff: Command = {
  name: 'zdiff',
  arity: -3,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['readonly', 'movablekeys'],
  keys: NO_KEYS,
  execute(context, args) {
    combineSets(context, args, { op: 'diff', numkeysAt: 1, output: 'reply' });
  },
};
