/**
 * GEORADIUS: the members within a radius of a longitude and latitude
 * (deprecated in Redis 6.2 for GEOSEARCH, and still served). Options as
 * GEOSEARCH's, plus STORE (members with their geohash scores) or
 * STOREDIST (with their distances) into another key, replying with the
 * count.
 *
 * ```text
 * GEORADIUS key longitude latitude radius M | KM | FT | MI [WITHCOORD] [WITHDIST] [WITHHASH]
 *   [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { geoSearch } from '../internal/geo.js';

export const georadius: Command = {
  name: 'georadius',
  arity: -6,
  flags: ['write', 'denyoom', 'movablekeys'],
  keys: FIRST_KEY,
  execute(context, args) {
    geoSearch(context, args, { keyAt: 1, from: 'coordinates' });
  },
};
