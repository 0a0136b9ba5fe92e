/**
 * GEOPOS: each member's [longitude, latitude], decoded from its geohash
 * (the center of its cell, so not quite what GEOADD was given), or a null
 * array for a missing member.
 *
 * ```text
 * GEOPOS key [member [member ...]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { memberPoint, replyCoordinate } from '../internal/geo.js';

export const geopos: Command = {
  name: 'geopos',
  arity: -2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const zset = keyspace.readZset(args.latin1(1), now)?.value;
    reply.arrayHeader(args.length - 2);
    for (let i = 2; i < args.length; i++) {
      const point = zset === undefined ? undefined : memberPoint(zset, args.latin1(i));
      if (point === undefined) {
        reply.nullArray();
        continue;
      }
      reply.arrayHeader(2);
      replyCoordinate(reply, point[0]);
      replyCoordinate(reply, point[1]);
    }
  },
};
