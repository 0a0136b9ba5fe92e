/**
 * MSET: stores several keys at once.
 *
 * ```text
 * MSET key value [key value ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const mset: Command = {
  name: 'mset',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: [1, -1, 2],
  execute({ reply, keyspace, now }, args) {
    if (args.length % 2 !== 1) throw new CommandError(Replies.wrongArgs('mset'));
    for (let i = 1; i < args.length; i += 2) {
      const key = args.latin1(i);
      keyspace.set(key, args.copy(i + 1), now);
      keyspace.notify(NOTIFY_STRING, 'set', key);
    }
    reply.ok();
  },
};
