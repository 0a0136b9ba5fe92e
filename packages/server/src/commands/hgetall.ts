/**
 * HGETALL: every field of a hash and its value, in the hash's order: a
 * map in RESP3, a flat array of field, value, field, value... in RESP2;
 * empty for an absent key.
 *
 * ```text
 * HGETALL key
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';

export const hgetall: Command = {
  name: 'hgetall',
  arity: 2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    if (hash === undefined) {
      reply.mapHeader(0);
      return;
    }
    reply.mapHeader(hash.size);
    for (const [field, value] of hash.entries()) {
      reply.bulk(Buffer.from(field, 'latin1'));
      reply.bulk(value);
    }
  },
};
