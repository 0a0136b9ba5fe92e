/**
 * DBSIZE: the number of keys in the selected database.
 *
 * ```text
 * DBSIZE
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const dbsize: Command = {
  name: 'dbsize',
  arity: 1,
  flags: ['readonly', 'fast'],
  keys: NO_KEYS,
  execute({ reply, db, keyspace, now }) {
    // What Redis's active expiry would have deleted by now, unless DEBUG
    // SET-ACTIVE-EXPIRE 0 stopped it.
    if (db.activeExpire) keyspace.purgeExpired(now);
    reply.integer(keyspace.size);
  },
};
