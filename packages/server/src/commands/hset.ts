/**
 * HSET: sets fields of a hash, creating it when absent; replies with how
 * many fields were new.
 *
 * ```text
 * HSET key field value [field value ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { setFields } from '../internal/hashes.js';

export const hset: Command = {
  name: 'hset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    context.reply.integer(setFields(context, args, 'hset'));
  },
};
