/**
 * SISMEMBER: 1 when the member is in the set, else 0 (also for an absent key).
 *
 * ```text
 * SISMEMBER key member
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const sismember: Command = {
  name: 'sismember',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const set = keyspace.readSet(args.latin1(1), now)?.value;
    reply.integer(set?.has(args.latin1(2)) ? 1 : 0);
  },
};
