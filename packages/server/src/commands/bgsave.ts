/**
 * BGSAVE: takes a snapshot now and writes it to the RDB file in the
 * background (persistence.ts); replies at once. SCHEDULE is accepted: in
 * Redis it waits behind an AOF rewrite, which never runs here (behind
 * another BGSAVE it fails as without it).
 *
 * ```text
 * BGSAVE [SCHEDULE]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';

export const bgsave: Command = {
  name: 'bgsave',
  arity: -1,
  flags: ['admin', 'noscript', 'no_async_loading'],
  keys: NO_KEYS,
  execute({ reply, db, now }, args) {
    if (args.length > 1 && (args.length > 2 || args.latin1(1).toLowerCase() !== 'schedule'))
      throw new CommandError(Replies.syntax);
    db.persistence.backgroundSave(now);
    reply.simple('Background saving started');
  },
};
