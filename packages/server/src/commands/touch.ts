/**
 * TOUCH: replies with how many of the keys exist (each counted as often as
 * it is named). Redis also refreshes their last access time; this server
 * keeps none, so TOUCH only counts (and drops expired keys it meets).
 *
 * ```text
 * TOUCH key [key ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';

export const touch: Command = {
  name: 'touch',
  arity: -2,
  flags: ['readonly', 'fast'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    let count = 0;
    for (let i = 1; i < args.length; i++)
      if (keyspace.read(args.latin1(i), now) !== undefined) count++;
    reply.integer(count);
  },
};
