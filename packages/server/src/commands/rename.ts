/**
 * RENAME: renames a key, keeping its deadline.
 *
 * ```text
 * RENAME key newkey
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';

export const rename: Command = {
  name: 'rename',
  arity: 3,
  flags: ['write'],
  keys: [1, 2, 1],
  execute({ reply, keyspace, now }, args) {
    const from = args.latin1(1);
    const to = args.latin1(2);
    const entry = keyspace.get(from, now);
    if (entry === undefined) throw new CommandError(Replies.noSuchKey);
    if (from !== to) {
      keyspace.delete(from);
      keyspace.set(to, entry.value, entry.expiresAt);
    }
    reply.ok();
  },
};
