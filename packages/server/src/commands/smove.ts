/**
 * SMOVE: moves a member from one set to another (created when absent);
 * replies 1 when the source had it, else 0.
 *
 * ```text
 * SMOVE source destination member
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { NOTIFY_GENERIC, NOTIFY_SET } from '../keyspace-events.js';

export const smove: Command = {
  name: 'smove',
  arity: 4,
  flags: ['write', 'fast'],
  keys: [1, 2, 1],
  execute({ reply, keyspace, now }, args) {
    const source = args.latin1(1);
    const destination = args.latin1(2);
    const member = args.latin1(3);
    // As Redis: an absent source replies 0 before either type is checked.
    if (keyspace.get(source, now) === undefined) {
      reply.integer(0);
      return;
    }
    const from = keyspace.getSet(source, now)!.value;
    const to = keyspace.getSet(destination, now)?.value;
    if (from === to) {
      reply.integer(from.has(member) ? 1 : 0);
      return;
    }
    if (!from.delete(member)) {
      reply.integer(0);
      return;
    }
    keyspace.notify(NOTIFY_SET, 'srem', source);
    if (from.size === 0) {
      keyspace.delete(source);
      keyspace.notify(NOTIFY_GENERIC, 'del', source);
    } else keyspace.touch(source);
    const existed = to !== undefined;
    if (keyspace.setForWrite(destination, now, member).add(member)) {
      if (existed) keyspace.touch(destination);
      keyspace.notify(NOTIFY_SET, 'sadd', destination);
    }
    reply.integer(1);
  },
};
