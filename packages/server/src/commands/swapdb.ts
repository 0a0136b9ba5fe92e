/**
 * SWAPDB: exchanges the contents of two databases, so connections using
 * one see the other's keys at once. WATCHed keys stay with their database
 * number; a watched key that exists in either database counts as changed.
 *
 * ```text
 * SWAPDB index1 index2
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { int32Arg } from '../internal/args.js';

export const swapdb: Command = {
  name: 'swapdb',
  arity: 3,
  flags: ['write', 'fast'],
  keys: NO_KEYS,
  execute({ reply, db, now }, args) {
    const first = int32Arg(args, 1, 'ERR invalid first DB index');
    const second = int32Arg(args, 2, 'ERR invalid second DB index');
    const count = db.databases.length;
    if (first < 0 || first >= count || second < 0 || second >= count)
      throw new CommandError(Replies.dbIndex);
    db.databases[first]!.swapContents(db.databases[second]!);
    // Pops blocked on either database may now find their lists.
    db.blocked.contentsChanged(db.databases[first]!, now);
    db.blocked.contentsChanged(db.databases[second]!, now);
    reply.ok();
  },
};
