/**
 * MGET: the values of several keys, null for missing ones.
 *
 * ```text
 * MGET key [key ...]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Command } from '../command.js';

export const mget: Command = {
  name: 'mget',
  arity: -2,
  flags: ['readonly', 'fast'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now }, args) {
    reply.arrayHeader(args.length - 1);
    for (let i = 1; i < args.length; i++) {
      // A key of another type reads as missing, never as an error.
      const value = keyspace.read(args.latin1(i), now)?.value;
      reply.bulk(value instanceof Buffer ? value : null);
    }
  },
};
