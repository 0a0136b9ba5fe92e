/**
 * SAVE: writes the RDB file now (persistence.ts), replying when it is on
 * disk. Refused while a background save is writing, and when the server
 * was started without a dir (it then persists nothing).
 *
 * ```text
 * SAVE
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const save: Command = {
  name: 'save',
  arity: 1,
  flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'],
  keys: NO_KEYS,
  execute({ reply, db, now }) {
    db.persistence.save(now);
    reply.ok();
  },
};
