/**
 * LASTSAVE: the Unix time, in seconds, of the last successful save to the
 * RDB file (persistence.ts); the server's start before any, which Redis
 * too counts as a save.
 *
 * ```text
 * LASTSAVE
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const lastsave: Command = {
  name: 'lastsave',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply, db }) {
    reply.integer(Math.floor(db.persistence.lastSave / 1000));
  },
};
