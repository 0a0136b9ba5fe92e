/**
 * GEOSEARCH: the members of a geo set within a circle (BYRADIUS) or a box
 * (BYBOX, width by height, measured along the parallel and the meridian)
 * around a member (FROMMEMBER) or a point (FROMLONLAT). Unsorted unless
 * ASC or DESC; COUNT keeps the nearest (or, with ANY, the first found);
 * WITHDIST, WITHCOORD and WITHHASH make each result an array of the member
 * and those values.
 *
 * ```text
 * GEOSEARCH key FROMMEMBER member | FROMLONLAT longitude latitude
 *   BYRADIUS radius M | KM | FT | MI | BYBOX width height M | KM | FT | MI
 *   [ASC | DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { geoSearch } from '../internal/geo.js';

export const geosearch: Command = {
  name: 'geosearch',
  arity: -7,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    geoSearch(context, args, { keyAt: 1, from: 'options' });
  },
};
