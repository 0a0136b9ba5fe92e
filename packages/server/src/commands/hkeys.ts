/**
 * HKEYS: every field of a hash, in the hash's order (empty for an absent
 * key).
 *
 * ```text
 * HKEYS key
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';

export const hkeys: Command = {
  name: 'hkeys',
  arity: 2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    reply.arrayHeader(hash?.size ?? 0);
    if (hash !== undefined)
      for (const field of hash.fields()) reply.bulk(Buffer.from(field, 'latin1'));
  },
};
