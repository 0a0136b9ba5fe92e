/**
 * EXPIREAT: sets a key's deadline at seconds since the epoch; replies 1 when set, 0 when
 * the key is missing or a condition failed.
 *
 * ```text
 * EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { expireCommand } from '../internal/expire-command.js';

export const expireat: Command = {
  name: 'expireat',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    expireCommand(context, args, 'expireat', false, true);
  },
};
