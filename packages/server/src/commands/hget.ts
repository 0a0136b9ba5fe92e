/**
 * HGET: the value of a field of a hash, or a null bulk when the field or
 * the key is absent.
 *
 * ```text
 * HGET key field
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const hget: Command = {
  name: 'hget',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.bulk(keyspace.readHash(args.latin1(1), now)?.value.get(args.latin1(2)) ?? null);
  },
};
