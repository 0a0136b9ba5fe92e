/**
 * SHUTDOWN: stops the server, as Redis 7.0's shutdownCommand parses it.
 * The server closes gracefully (`Server#close`: every connection gets the
 * replies it has, then closes; the embedding program's `closed()`
 * resolves, and the `mini-redis-server` binary exits). The connection
 * that asked gets no reply, as from Redis, whose process exits.
 *
 * Nothing is saved here (no persistence): SAVE asks for a save that cannot
 * be made, so it fails as a failed save makes Redis's SHUTDOWN fail,
 * unless FORCE says to stop anyway. NOW skips waiting for replicas, and
 * there are none. ABORT cancels a shutdown that waits for replicas: none
 * ever does here.
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
  execute({ server }, args) {
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
    if (save && !force) throw new CommandError('ERR Errors trying to SHUTDOWN. Check logs.');
    server.shutdown();
  },
};
