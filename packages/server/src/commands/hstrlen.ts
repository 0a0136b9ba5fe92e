/**
 * HSTRLEN: the length in bytes of a field's value (0 when the field or
 * the key is absent).
 *
 * ```text
 * HSTRLEN key field
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const hstrlen: Command = {
  name: 'hstrlen',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    reply.integer(hash?.get(args.latin1(2))?.length ?? 0);
  },
};
