/**
 * TYPE: the type of the value: `string` or `hash`, or `none` for a missing key.
 *
 * ```text
 * TYPE key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { typeOf } from '../keyspace.js';

export const type: Command = {
  name: 'type',
  arity: 2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Not an access for OBJECT IDLETIME (Redis's LOOKUP_NOTOUCH).
    const entry = keyspace.read(args.latin1(1), now, false);
    reply.simple(entry === undefined ? 'none' : typeOf(entry.value));
  },
};
