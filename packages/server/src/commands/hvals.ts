/**
 * HVALS: every value of a hash, in the hash's order (empty for an absent
 * key).
 *
 * ```text
 * HVALS key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const hvals: Command = {
  name: 'hvals',
  arity: 2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    reply.arrayHeader(hash?.size ?? 0);
    if (hash !== undefined) for (const [, value] of hash.entries()) reply.bulk(value);
  },
};
