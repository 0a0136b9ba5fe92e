/**
 * MONITOR: turns the connection into a monitor, which is sent a line for
 * every command the server runs from then on (monitor.ts has the line's
 * form and what is left out). Redis treats a monitor as a replica: it may
 * still run commands that do not touch the keyspace (PING, ECHO, CLIENT
 * ID, SUBSCRIBE...); the dispatcher refuses the others with `ERR Replica
 * can't interact with the keyspace`. RESET, QUIT or closing the connection
 * ends it.
 *
 * ```text
 * MONITOR
 * ```
 *
 * Replies `+OK`. Again on a connection that already monitors, it replies
 * nothing at all, as Redis ignores it; inside EXEC it is refused, since a
 * transaction expects one reply per command.
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';

export const monitor: Command = {
  name: 'monitor',
  arity: 1,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  execute(context) {
    const { session, db, reply } = context;
    // Queued by MULTI, MONITOR only runs here inside EXEC.
    if (session.transaction !== null)
      throw new CommandError("ERR MONITOR isn't allowed for DENY BLOCKING client");
    if (session.monitor !== null) return;
    reply.ok();
    session.onMonitor(db.monitors.subscribe(session));
  },
};
