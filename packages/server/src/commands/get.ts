/**
 * GET: the value of a key, or a null bulk.
 *
 * ```text
 * GET key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const get: Command = {
  name: 'get',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.bulk(keyspace.readString(args.latin1(1), now)?.value ?? null);
  },
};
