/**
 * HMGET: the values of fields of a hash, in the order asked, a null bulk
 * for each absent one (all of them when the key is absent).
 *
 * ```text
 * HMGET key field [field ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const hmget: Command = {
  name: 'hmget',
  arity: -3,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    reply.arrayHeader(args.length - 2);
    for (let i = 2; i < args.length; i++) reply.bulk(hash?.get(args.latin1(i)) ?? null);
  },
};
