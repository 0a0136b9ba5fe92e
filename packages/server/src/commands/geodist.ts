/**
 * GEODIST: the distance between two members of a geo set, in meters or
 * the unit given, as a bulk string with 4 decimals; a null when the key
 * or either member is missing.
 *
 * ```text
 * GEODIST key member1 member2 [M | KM | FT | MI]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { memberPoint, replyDistance, unitArg } from '../internal/geo.js';
import { distance } from '../internal/geohash.js';

export const geodist: Command = {
  name: 'geodist',
  arity: -4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // The unit is checked before the key is looked up.
    let meters = 1;
    if (args.length === 5) meters = unitArg(args, 4);
    else if (args.length > 5) throw new CommandError(Replies.syntax);
    const zset = keyspace.readZset(args.latin1(1), now)?.value;
    const from = zset === undefined ? undefined : memberPoint(zset, args.latin1(2));
    const to = zset === undefined ? undefined : memberPoint(zset, args.latin1(3));
    if (from === undefined || to === undefined) reply.null();
    else replyDistance(reply, distance(from[0], from[1], to[0], to[1]) / meters);
  },
};
