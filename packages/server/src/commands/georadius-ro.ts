/**
 * GEORADIUS_RO: GEORADIUS without STORE or STOREDIST (a read-only command).
 *
 * ```text
 * GEORADIUS_RO key longitude latitude radius M | KM | FT | MI [WITHCOORD] [WITHDIST]
 *   [WITHHASH] [COUNT count [ANY]] [ASC | DESC]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { geoSearch } from '../internal/geo.js';

export const georadius_ro: Command = {
  name: 'georadius_ro',
  arity: -6,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    geoSearch(context, args, { keyAt: 1, from: 'coordinates', readOnly: true });
  },
};
