/**
 * PEXPIREAT: sets a key's deadline at milliseconds since the epoch; replies 1 when set, 0 when
 * the key is missing or a condition failed.
 *
 * ```text
 * PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { expireCommand } from '../internal/expire-command.js';

export const pexpireat: Command = {
  name: 'pexpireat',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    expireCommand(context, args, 'pexpireat', false, false);
  },
};
