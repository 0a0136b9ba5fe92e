/**
 * XDEL: deletes entries by ID; replies with how many existed. Every ID is
 * parsed before anything is deleted. The stream stays (empty) when its
 * last entry goes, and remembers the greatest ID deleted.
 *
 * ```text
 * XDEL key id [id ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { compareIds, strictIdArg } from '../internal/stream-ids.js';
import { NOTIFY_STREAM } from '../keyspace-events.js';

export const xdel: Command = {
  name: 'xdel',
  arity: -3,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const key = args.latin1(1);
    const stream = keyspace.getStream(key, now)?.value;
    if (stream === undefined) {
      reply.integer(0);
      return;
    }
    const ids = [];
    for (let i = 2; i < args.length; i++) ids.push(strictIdArg(args, i));
    let deleted = 0;
    for (const id of ids) {
      if (!stream.delete(id)) continue;
      if (compareIds(id, stream.maxDeletedId) > 0) stream.maxDeletedId = id;
      deleted++;
    }
    if (deleted > 0) {
      keyspace.touch(key);
      keyspace.notify(NOTIFY_STREAM, 'xdel', key);
    }
    reply.integer(deleted);
  },
};
