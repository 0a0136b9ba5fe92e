/**
 * MSETNX: stores several keys only if none exists; replies 1 or 0.
 *
 * ```text
 * MSETNX key value [key value ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const msetnx: Command = {
  name: 'msetnx',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: [1, -1, 2],
  execute({ reply, keyspace, now }, args) {
    if (args.length % 2 !== 1) throw new CommandError(Replies.wrongArgs('msetnx'));
    for (let i = 1; i < args.length; i += 2) {
      if (keyspace.has(args.latin1(i), now)) {
        reply.integer(0);
        return;
      }
    }
    for (let i = 1; i < args.length; i += 2) {
      const key = args.latin1(i);
      keyspace.set(key, args.copy(i + 1), now);
      keyspace.notify(NOTIFY_STRING, 'set', key);
    }
    reply.integer(1);
  },
};
