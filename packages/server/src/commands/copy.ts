/**
 * COPY: copies a key's value and deadline to another name, in this
 * database or another (DB), replying 1, or 0 when the source is missing or
 * the destination exists (unless REPLACE).
 *
 * ```text
 * COPY source destination [DB destination-db] [REPLACE]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { int32Arg, option } from '../internal/args.js';
import { copiedEncoding } from '../internal/object-encoding.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const copy: Command = {
  name: 'copy',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: [1, 2, 1],
  execute({ reply, keyspace, db, session, now }, args) {
    // Options in Redis's order of checks: each one as it comes.
    let target = session.db;
    let replace = false;
    for (let i = 3; i < args.length; i++) {
      const name = option(args, i);
      if (name === 'REPLACE') replace = true;
      else if (name === 'DB' && i + 1 < args.length) {
        target = int32Arg(args, ++i);
        if (target < 0 || target >= db.databases.length) throw new CommandError(Replies.dbIndex);
      } else throw new CommandError(Replies.syntax);
    }
    const source = args.latin1(1);
    const destination = args.latin1(2);
    if (target === session.db && source === destination) throw new CommandError(Replies.sameObject);
    const entry = keyspace.read(source, now);
    if (entry === undefined) {
      reply.integer(0);
      return;
    }
    const to = db.databases[target]!;
    if (to.has(destination, now) && !replace) {
      reply.integer(0);
      return;
    }
    // A copy of its own: INCR rewrites a value's digits in place.
    // A replaced key makes way for a new one (\`new\` is notified), as in Redis.
    to.delete(destination);
    const value = entry.value instanceof Uint8Array ? Buffer.from(entry.value) : entry.value.copy();
    to.set(destination, value, now, entry.expiresAt, copiedEncoding(entry));
    to.notify(NOTIFY_GENERIC, 'copy_to', destination);
    reply.integer(1);
  },
};
