/**
 * SHUTDOWN: stops the server, as Redis 7.0's shutdownCommand parses it.
 * The server closes gracefully (`Server#close`: every connection gets the
 * replies it has, then closes; the embedding program's `closed()`
 * resolves, and the `mini-redis-server` binary exits). The connection
 * that asked gets no reply, as from Redis, whose process exits.
 *
 * With a dir (persistence.ts), it saves the RDB file first when save
 * points are set or SAVE is given, and not with NOSAVE; a save that fails
 * fails SHUTDOWN (the server keeps running), unless FORCE says to stop
 * anyway. Without a dir nothing is saved: SAVE asks for a save that
 * cannot be made, so it fails the same way. NOW skips waiting for
 * replicas, and there are none. ABORT cancels a shutdown that waits for
 * replicas: none ever does here.
 *
 * ```text
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';

export const shutdown: Command = {
  name: 'shutdown',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
  keys: NO_KEYS,
  execute({ server, db, now }, args) {
    let save = false;
    let noSave = false;
    let force = false;
    let other = false;
    let abort = false;
    for (let i = 1; i < args.length; i++) {
      const name = option(args, i);
      if (name === 'NOSAVE') noSave = true;
      else if (name === 'SAVE') save = true;
      else if (name === 'NOW') other = true;
      else if (name === 'FORCE') force = true;
      else if (name === 'ABORT') abort = true;
      else throw new CommandError(Replies.syntax);
    }
    if ((abort && (save || noSave || force || other)) || (save && noSave))
      throw new CommandError(Replies.syntax);
    if (abort) throw new CommandError('ERR No shutdown in progress.');
    const persistence = db.persistence;
    if (!noSave) {
      try {
        if (!persistence.enabled) {
          if (save) throw new CommandError('ERR nothing can be saved');
        } else persistence.saveForShutdown(now, save);
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        if (!force) throw new CommandError('ERR Errors trying to SHUTDOWN. Check logs.');
      }
    }
    // Saved, or told not to: close() does not save again.
    persistence.shutdownHandled = true;
    server.shutdown();
  },
};
