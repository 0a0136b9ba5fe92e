/**
 * GEOHASH: each member's position as a standard 11-character geohash
 * (latitudes -90 to 90, where the stored hash uses -85 to 85), or a null
 * for a missing member.
 *
 * ```text
 * GEOHASH key [member [member ...]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { memberPoint } from '../internal/geo.js';
import { standardGeohash } from '../internal/geohash.js';

export const geohash: Command = {
  name: 'geohash',
  arity: -2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const zset = keyspace.readZset(args.latin1(1), now)?.value;
    reply.arrayHeader(args.length - 2);
    for (let i = 2; i < args.length; i++) {
      const point = zset === undefined ? undefined : memberPoint(zset, args.latin1(i));
      if (point === undefined) reply.null();
      else reply.bulk(standardGeohash(point[0], point[1]));
    }
  },
};
