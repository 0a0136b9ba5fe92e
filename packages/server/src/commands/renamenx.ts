/**
 * RENAMENX: renames a key, keeping its deadline; only if the new name is free, replying 1 or 0.
 *
 * ```text
 * RENAMENX key newkey
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const renamenx: Command = {
  name: 'renamenx',
  arity: 3,
  flags: ['write', 'fast'],
  keys: [1, 2, 1],
  execute({ reply, keyspace, now }, args) {
    const from = args.latin1(1);
    const to = args.latin1(2);
    const entry = keyspace.get(from, now);
    if (entry === undefined) throw new CommandError(Replies.noSuchKey);
    if (from === to) {
      reply.integer(0);
      return;
    }
    if (keyspace.has(to, now)) {
      reply.integer(0);
      return;
    }
    keyspace.delete(from);
    keyspace.set(to, entry.value, now, entry.expiresAt, entry.encoding);
    keyspace.notify(NOTIFY_GENERIC, 'rename_from', from);
    keyspace.notify(NOTIFY_GENERIC, 'rename_to', to);
    reply.integer(1);
  },
};
