/**
 * UNWATCH: forgets every WATCHed key, and any change to them, so the next
 * EXEC is unconditional. Inside MULTI it is queued like any command.
 *
 * ```text
 * UNWATCH
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const unwatch: Command = {
  name: 'unwatch',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  keys: NO_KEYS,
  execute({ reply, session }) {
    session.watched.clear();
    reply.ok();
  },
};
