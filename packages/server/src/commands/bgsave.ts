/**
 * BGSAVE: takes a snapshot now and writes it to the RDB file in the
 * background (persistence.ts); replies at once. SCHEDULE, when one is
 * already writing, runs another after it instead of failing.
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
    let schedule = false;
    if (args.length > 1) {
      if (args.length > 2 || args.latin1(1).toLowerCase() !== 'schedule')
        throw new CommandError(Replies.syntax);
      schedule = true;
    }
    reply.simple(db.persistence.backgroundSave(now, schedule));
  },
};
