/**
 * PEXPIRE: sets a key's deadline in milliseconds; replies 1 when set, 0 when
 * the key is missing or a condition failed.
 *
 * ```text
 * PEXPIRE key milliseconds [NX | XX | GT | LT]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { expireCommand } from '../internal/expire-command.js';

export const pexpire: Command = {
  name: 'pexpire',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    expireCommand(context, args, 'pexpire', true, false);
  },
};
