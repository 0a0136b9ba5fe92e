/**
 * FLUSHDB: deletes every key of the selected database.
 *
 * ```text
 * FLUSHDB [ASYNC | SYNC]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';

export const flushdb: Command = {
  name: 'flushdb',
  arity: -1,
  flags: ['write'],
  keys: NO_KEYS,
  execute({ reply, keyspace, db }, args) {
    if (args.length > 2 || (args.length === 2 && !['ASYNC', 'SYNC'].includes(option(args, 1)))) {
      throw new CommandError(Replies.syntax);
    }
    keyspace.clear();
    // Tracking has one table for all databases (as in Redis): every
    // tracking connection learns that every key changed.
    db.tracking.flushed();
    reply.ok();
  },
};
