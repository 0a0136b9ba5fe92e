/**
 * MULTI: starts a transaction. Until EXEC or DISCARD, the dispatcher
 * queues the connection's commands (replying QUEUED) instead of running
 * them; see transaction.ts.
 *
 * ```text
 * MULTI
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';
import { Transaction } from '../transaction.js';

export const multi: Command = {
  name: 'multi',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  keys: NO_KEYS,
  execute({ reply, session, server }) {
    // Not a queueing error: the open transaction goes on unharmed.
    if (session.transaction !== null) throw new CommandError('ERR MULTI calls can not be nested');
    session.transaction = new Transaction(server.config['client-query-buffer-limit']);
    reply.ok();
  },
};
