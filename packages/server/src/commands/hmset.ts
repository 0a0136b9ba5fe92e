/**
 * HMSET: HSET's older form, which replies OK instead of a count.
 *
 * ```text
 * HMSET key field value [field value ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { setFields } from '../internal/hashes.js';

export const hmset: Command = {
  name: 'hmset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    setFields(context, args, 'hmset');
    context.reply.ok();
  },
};
