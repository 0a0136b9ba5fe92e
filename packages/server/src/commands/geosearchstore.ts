/**
 * GEOSEARCHSTORE: GEOSEARCH's result stored as a sorted set at destination
 * (scores: the geohashes, or the distances with STOREDIST), replacing what
 * was there (deleting it when nothing is found); replies with the count.
 *
 * ```text
 * GEOSEARCHSTORE destination source FROMMEMBER member | FROMLONLAT longitude latitude
 *   BYRADIUS radius M | KM | FT | MI | BYBOX width height M | KM | FT | MI
 *   [ASC | DESC] [COUNT count [ANY]] [STOREDIST]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { geoSearch } from '../internal/geo.js';

export const geosearchstore: Command = {
  name: 'geosearchstore',
  arity: -8,
  flags: ['write', 'denyoom'],
  keys: [1, 2, 1],
  execute(context, args) {
    geoSearch(context, args, { keyAt: 2, from: 'options', store: true });
  },
};
