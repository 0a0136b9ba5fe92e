/**
 * WATCH: makes the next EXEC conditional: it runs nothing (a null array)
 * if any of these keys, in the selected database, changes or expires
 * before it. Changes by this connection count too. See watched-keys.ts.
 *
 * ```text
 * WATCH key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError } from '../errors.js';

export const watch: Command = {
  name: 'watch',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  keys: [1, -1, 1],
  execute({ reply, session, keyspace, now }, args) {
    // Not a queueing error: the open transaction goes on unharmed.
    if (session.transaction !== null)
      throw new CommandError('ERR WATCH inside MULTI is not allowed');
    for (let i = 1; i < args.length; i++) session.watched.add(keyspace, args.latin1(i), now);
    reply.ok();
  },
};
