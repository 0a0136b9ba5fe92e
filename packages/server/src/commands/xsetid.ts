/**
 * XSETID: sets a stream's last ID (not below its last entry's), and
 * optionally its count of entries ever added (not below its length) and
 * the greatest ID deleted (not above the new last ID). For replication
 * and restores; `ERR no such key` for a missing key.
 *
 * ```text
 * XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';
import { compareIds, isZeroId, MIN_ID, strictIdArg } from '../internal/stream-ids.js';
import { NOTIFY_STREAM } from '../keyspace-events.js';

export const xsetid: Command = {
  name: 'xsetid',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const id = strictIdArg(args, 2);
    let entriesAdded = -1;
    let maxDeleted = MIN_ID;
    for (let i = 3; i < args.length; i += 2) {
      const name = option(args, i);
      const more = args.length - 1 - i;
      if (name === 'ENTRIESADDED' && more > 0) {
        const value = integerArg(args, i + 1);
        if (value < 0) throw new CommandError('ERR entries_added must be positive');
        entriesAdded = Number(value);
      } else if (name === 'MAXDELETEDID' && more > 0) {
        maxDeleted = strictIdArg(args, i + 1);
        if (compareIds(id, maxDeleted) < 0)
          throw new CommandError(
            'ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id',
          );
      } else throw new CommandError(Replies.syntax);
    }
    const key = args.latin1(1);
    const stream = keyspace.getStream(key, now)?.value;
    if (stream === undefined) throw new CommandError('ERR no such key');
    const last = stream.last();
    if (last !== undefined) {
      if (compareIds(id, last.id) < 0)
        throw new CommandError(
          'ERR The ID specified in XSETID is smaller than the target stream top item',
        );
      if (entriesAdded !== -1 && stream.length > entriesAdded)
        throw new CommandError(
          'ERR The entries_added specified in XSETID is smaller than the target stream length',
        );
    }
    stream.lastId = id;
    if (entriesAdded !== -1) stream.entriesAdded = entriesAdded;
    if (!isZeroId(maxDeleted)) stream.maxDeletedId = maxDeleted;
    // Redis 7.0 signals no watcher here (measured), nor for the group
    // commands: only XADD, XDEL and XTRIM change what WATCH sees.
    keyspace.notify(NOTIFY_STREAM, 'xsetid', key);
    reply.ok();
  },
};
