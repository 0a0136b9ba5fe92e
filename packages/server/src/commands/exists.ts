/**
 * EXISTS: how many of the keys exist (a key named twice counts twice).
 *
 * ```text
 * EXISTS key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';

export const exists: Command = {
  name: 'exists',
  arity: -2,
  flags: ['readonly', 'fast'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    let count = 0;
    // Not an access for OBJECT IDLETIME (Redis's LOOKUP_NOTOUCH).
    for (let i = 1; i < args.length; i++)
      if (keyspace.read(args.latin1(i), now, false) !== undefined) count++;
    reply.integer(count);
  },
};
