/**
 * QUIT: replies OK and closes the connection once the reply is written.
 *
 * ```text
 * QUIT
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const quit: Command = {
  name: 'quit',
  arity: -1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  keys: NO_KEYS,
  execute({ reply, session }) {
    reply.ok();
    session.closeAfterReply = true;
  },
};
