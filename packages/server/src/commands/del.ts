/**
 * DEL: deletes keys; replies with how many existed.
 *
 * ```text
 * DEL key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const del: Command = {
  name: 'del',
  arity: -2,
  flags: ['write'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    let deleted = 0;
    for (let i = 1; i < args.length; i++) {
      const key = args.latin1(i);
      if (keyspace.has(key, now) && keyspace.delete(key)) {
        deleted++;
        keyspace.notify(NOTIFY_GENERIC, 'del', key);
      }
    }
    reply.integer(deleted);
  },
};
