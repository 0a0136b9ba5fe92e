/**
 * XTRIM: removes the oldest entries, down to MAXLEN entries or up to the
 * MINID ID; with `~` only whole nodes of about 100 entries go (at most
 * LIMIT entries), as in Redis. Replies with how many were removed.
 *
 * ```text
 * XTRIM key MAXLEN | MINID [= | ~] threshold [LIMIT count]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { parseAddOrTrimArgs } from '../internal/streams.js';
import { NOTIFY_STREAM } from '../keyspace-events.js';

export const xtrim: Command = {
  name: 'xtrim',
  arity: -4,
  flags: ['write'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const { trim } = parseAddOrTrimArgs(args, false, server.config['stream-node-max-entries']);
    const key = args.latin1(1);
    const stream = keyspace.getStream(key, now)?.value;
    const removed = stream === undefined || trim === undefined ? 0 : stream.trim(trim);
    if (removed > 0) {
      keyspace.notify(NOTIFY_STREAM, 'xtrim', key);
      keyspace.touch(key);
    }
    reply.integer(removed);
  },
};
