/**
 * STRLEN: the length of the value in bytes (0 for a missing key).
 *
 * ```text
 * STRLEN key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const strlen: Command = {
  name: 'strlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    reply.integer(keyspace.readString(args.latin1(1), now)?.value.length ?? 0);
  },
};
