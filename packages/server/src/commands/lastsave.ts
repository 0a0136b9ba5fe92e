/**
 * LASTSAVE: the Unix time, in seconds, of the last successful save. Nothing
 * is saved here (no persistence), so it is the server's start, which
 * Redis too counts as a save.
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
  execute({ reply, server }) {
    reply.integer(Math.floor(server.startedAt / 1000));
  },
};
