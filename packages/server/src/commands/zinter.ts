/**
 * ZINTER: the members every given sorted set (or plain set, score 1) has, each scored by the SUM (or MIN, MAX) of its weighted scores, in score order; WITHSCORES adds the scores.
 *
 * ```text
 * ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { combineSets } from '../internal/zset-algebra.js';

export const zinter: Command = {
  name: 'zinter',
  arity: -3,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['readonly', 'movablekeys'],
  keys: NO_KEYS,
  execute(context, args) {
    combineSets(context, args, { op: 'inter', numkeysAt: 1, output: 'reply' });
  },
};
