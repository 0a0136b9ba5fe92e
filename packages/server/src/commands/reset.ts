/**
 * RESET: back to a fresh connection: RESP2, database 0, no name, no
 * subscriptions, no transaction or watched keys, no longer a monitor
 * (MONITOR), no key tracking, replies on again (CLIENT REPLY), and
 * unauthenticated when a password is set.
 *
 * ```text
 * RESET
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { unsubscribeAll } from '../internal/subscriptions.js';

export const reset: Command = {
  name: 'reset',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  keys: NO_KEYS,
  execute(context) {
    const { session, reply, server } = context;
    unsubscribeAll(context, 'channels', false);
    unsubscribeAll(context, 'patterns', false);
    unsubscribeAll(context, 'shardChannels', false);
    session.endTransaction();
    context.db.monitors.unsubscribe(session);
    context.db.tracking.disable(session);
    // Redis clears OFF and a SKIP asked for the next command; a SKIP
    // holding for this RESET still drops its reply.
    session.replyOff = false;
    session.replySkipNext = false;
    reply.muted = session.replySkip;
    session.db = 0;
    session.name = '';
    reply.protocol = 2;
    // Back to the default user, authenticated only if it needs no password.
    session.user = server.acl.defaultUser;
    session.authenticated = server.acl.authenticatedAtStart();
    reply.simple('RESET');
  },
};
