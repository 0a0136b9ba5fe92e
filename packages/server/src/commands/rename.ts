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
import { NOTIFY_GENERIC } from '../keyspace-events.js';

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
      // A key in the way is replaced by a new one, as Redis deletes it
      // and adds the renamed key: \`new\` is notified either way.
      keyspace.delete(to);
      keyspace.set(to, entry.value, now, entry.expiresAt, entry.encoding);
      keyspace.notify(NOTIFY_GENERIC, 'rename_from', from);
      keyspace.notify(NOTIFY_GENERIC, 'rename_to', to);
    }
    reply.ok();
  },
};
