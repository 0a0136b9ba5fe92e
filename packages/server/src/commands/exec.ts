/**
 * EXEC: runs the transaction's queued commands, one after another with
 * nothing in between, and replies with the array of their replies. It runs
 * nothing when queueing a command failed (EXECABORT) or when a WATCHed key
 * changed or expired since WATCH (a null array). Either way the transaction
 * ends and every key is unwatched.
 *
 * ```text
 * EXEC
 * ```
 *
 * @module
 */

import { logRefusal, noPermissionAtExec } from '../acl/refusals.js';
import { type Command, NO_KEYS } from '../command.js';
import { fullName, runCommand } from '../dispatch.js';
import { CommandError } from '../errors.js';

export const exec: Command = {
  name: 'exec',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
  keys: NO_KEYS,
  execute(context) {
    const { session, reply, now, db } = context;
    const transaction = session.transaction;
    if (transaction === null) throw new CommandError('ERR EXEC without MULTI');
    // A queueing error wins over a changed key, as in Redis.
    if (transaction.aborted) {
      session.endTransaction();
      throw new CommandError('EXECABORT Transaction discarded because of previous errors.');
    }
    if (session.watched.changed(now)) {
      session.endTransaction();
      reply.nullArray();
      return;
    }
    session.watched.clear();
    reply.arrayHeader(transaction.length);
    // One clock for the whole transaction (Redis caches the time for
    // nested calls); the keyspace follows a SELECT among the commands.
    // The transaction stays open while they run, so CLIENT LIST among
    // them shows it, as Redis's does.
    const acl = context.server.acl;
    for (const { command, args } of transaction.queued) {
      // The ACL again: the user's rules may have changed since MULTI.
      if (!session.user.unrestricted) {
        const name = fullName(command, args);
        const denied = acl.check(session.user, name, args);
        if (denied !== undefined) {
          logRefusal(context.server, session, {
            reason: denied.reason,
            context: 'multi',
            object: denied.reason === 'command' ? name : args.latin1(denied.position),
          });
          reply.error(noPermissionAtExec(denied));
          continue;
        }
      }
      context.keyspace = db.databases[session.db]!;
      runCommand(command, context, args);
    }
    session.transaction = null;
  },
};
