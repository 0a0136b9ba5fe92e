/**
 * MOVE: moves a key, with its deadline, to another database, replying 1,
 * or 0 when it is missing here or exists there.
 *
 * ```text
 * MOVE key db
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { int32Arg } from '../internal/args.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const move: Command = {
  name: 'move',
  arity: 3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, db, session, now }, args) {
    const target = int32Arg(args, 2);
    if (target < 0 || target >= db.databases.length) throw new CommandError(Replies.dbIndex);
    // Checked before the key is looked up, as Redis does.
    if (target === session.db) throw new CommandError(Replies.sameObject);
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    const to = db.databases[target]!;
    if (entry === undefined || to.has(key, now)) {
      reply.integer(0);
      return;
    }
    keyspace.delete(key);
    to.set(key, entry.value, now, entry.expiresAt, entry.encoding);
    keyspace.notify(NOTIFY_GENERIC, 'move_from', key);
    to.notify(NOTIFY_GENERIC, 'move_to', key);
    reply.integer(1);
  },
};
