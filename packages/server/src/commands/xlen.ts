/**
 * XLEN: the number of entries in a stream (0 for a missing key).
 *
 * ```text
 * XLEN key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const xlen: Command = {
  name: 'xlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.integer(keyspace.readStream(args.latin1(1), now)?.value.length ?? 0);
  },
};
