/**
 * HLEN: how many fields a hash holds (0 for an absent key).
 *
 * ```text
 * HLEN key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const hlen: Command = {
  name: 'hlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.integer(keyspace.readHash(args.latin1(1), now)?.value.size ?? 0);
  },
};
