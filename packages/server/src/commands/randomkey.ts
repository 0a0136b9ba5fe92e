/**
 * RANDOMKEY: a random key, or a null bulk when the database is empty.
 *
 * ```text
 * RANDOMKEY
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, NO_KEYS } from '../command.js';

export const randomkey: Command = {
  name: 'randomkey',
  arity: 1,
  flags: ['readonly'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }) {
    const key = keyspace.randomKey(now);
    reply.bulk(key === undefined ? null : Buffer.from(key, 'latin1'));
  },
};
