/**
 * SELECT: switches the connection to database `index`.
 *
 * ```text
 * SELECT index
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { int32Arg } from '../internal/args.js';

export const select: Command = {
  name: 'select',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply, session, db }, args) {
    // A C int first, as Redis parses it: past 32 bits is a range error.
    const index = int32Arg(args, 1);
    if (index < 0 || index >= db.databases.length) throw new CommandError(Replies.dbIndex);
    session.db = index;
    reply.ok();
  },
};
