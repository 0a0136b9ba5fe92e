/**
 * GETBIT: replies with one bit of a string; 0 past its end or for a
 * missing key.
 *
 * ```text
 * GETBIT key offset
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { bitAt, bitOffsetArg } from '../internal/bits.js';

export const getbit: Command = {
  name: 'getbit',
  arity: 3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    // The offset is checked first, key or no key, as in Redis.
    const offset = bitOffsetArg(args, 2, server.config['proto-max-bulk-len']);
    const entry = keyspace.readString(args.latin1(1), now);
    reply.integer(entry === undefined ? 0 : bitAt(entry.value, offset));
  },
};
