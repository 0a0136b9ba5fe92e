/**
 * HEXISTS: 1 when a hash has the field, else 0 (also for an absent key).
 *
 * ```text
 * HEXISTS key field
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const hexists: Command = {
  name: 'hexists',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    reply.integer(hash?.has(args.latin1(2)) ? 1 : 0);
  },
};
