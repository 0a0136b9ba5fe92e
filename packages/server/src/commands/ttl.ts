/**
 * TTL: seconds until the key expires; -1 without a deadline, -2 when missing.
 *
 * ```text
 * TTL key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { replyWithDeadline } from '../internal/ttl.js';

export const ttl: Command = {
  name: 'ttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    replyWithDeadline(context, args, (deadline, now) => Math.floor((deadline - now + 500) / 1000));
  },
};
