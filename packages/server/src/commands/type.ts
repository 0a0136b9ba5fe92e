/**
 * TYPE: the type of the value: `string`, or `none` for a missing key.
 *
 * ```text
 * TYPE key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const type: Command = {
  name: 'type',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Not an access for OBJECT IDLETIME (Redis's LOOKUP_NOTOUCH).
    reply.simple(keyspace.read(args.latin1(1), now, false) !== undefined ? 'string' : 'none');
  },
};
