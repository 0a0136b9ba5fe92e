/**
 * DISCARD: ends the transaction without running its queued commands, and
 * unwatches every key.
 *
 * ```text
 * DISCARD
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';

export const discard: Command = {
  name: 'discard',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  keys: NO_KEYS,
  execute({ reply, session }) {
    if (session.transaction === null) throw new CommandError('ERR DISCARD without MULTI');
    session.endTransaction();
    reply.ok();
  },
};
