/**
 * XACK: acknowledges entries delivered to a consumer group, removing them
 * from its pending lists; replies with how many were pending. A missing
 * key or group acknowledges nothing (0). Every ID is parsed first, so an
 * invalid one acknowledges none.
 *
 * ```text
 * XACK key group id [id ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { strictIdArg } from '../internal/stream-ids.js';

export const xack: Command = {
  name: 'xack',
  arity: -4,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const group = keyspace.readStream(args.latin1(1), now)?.value.groups.get(args.latin1(2));
    if (group === undefined) {
      reply.integer(0);
      return;
    }
    const ids = [];
    for (let i = 3; i < args.length; i++) ids.push(strictIdArg(args, i));
    let acknowledged = 0;
    for (const id of ids) {
      const entry = group.pending.get(id);
      if (entry === undefined) continue;
      group.acknowledge(entry);
      acknowledged++;
    }
    // Fewer pending entries: maxmemory measures the stream again.
    if (acknowledged > 0) keyspace.resized(args.latin1(1));
    reply.integer(acknowledged);
  },
};
