/**
 * DBSIZE: the number of keys in the selected database.
 *
 * ```text
 * DBSIZE
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const dbsize: Command = {
  name: 'dbsize',
  arity: 1,
  flags: ['readonly', 'fast'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }) {
    keyspace.purgeExpired(now);
    reply.integer(keyspace.size);
  },
};
