/**
 * EXPIRE: sets a key's deadline in seconds; replies 1 when set, 0 when
 * the key is missing or a condition failed.
 *
 * ```text
 * EXPIRE key seconds [NX | XX | GT | LT]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { expireCommand } from '../internal/expire-command.js';

export const expire: Command = {
  name: 'expire',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    expireCommand(context, args, 'expire', true, true);
  },
};
