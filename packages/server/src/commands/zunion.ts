/**
 * ZUNION: the union of sorted sets (plain sets count with score 1), each member's score the SUM (or MIN, MAX) of its weighted scores, in score order; WITHSCORES adds the scores.
 *
 * ```text
 * ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { combineSets } from '../internal/zset-algebra.js';

export const zunion: Command = {
  name: 'zunion',
  arity: -3,
  // Its keys follow numkeys: Redis declares none here (movablekeys).
  flags: ['readonly', 'movablekeys'],
  keys: NO_KEYS,
  execute(context, args) {
    combineSets(context, args, { op: 'union', numkeysAt: 1, output: 'reply' });
  },
};
