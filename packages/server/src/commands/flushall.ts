/**
 * FLUSHALL: deletes every key of every database.
 *
 * ```text
 * FLUSHALL [ASYNC | SYNC]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';

export const flushall: Command = {
  name: 'flushall',
  arity: -1,
  flags: ['write'],
  keys: NO_KEYS,
  execute({ reply, db, now }, args) {
    if (args.length > 2 || (args.length === 2 && !['ASYNC', 'SYNC'].includes(option(args, 1)))) {
      throw new CommandError(Replies.syntax);
    }
    for (const keyspace of db.databases) keyspace.clear();
    // Tracking connections learn that every key changed.
    db.tracking.flushed();
    // With save points, the file is emptied too (persistence.ts).
    db.persistence.afterFlushAll(now);
    reply.ok();
  },
};
