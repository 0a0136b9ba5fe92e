/**
 * GEORADIUSBYMEMBER: GEORADIUS around a member of the set (deprecated in
 * Redis 6.2 for GEOSEARCH ... FROMMEMBER, and still served). On a missing
 * key only the options are checked: the reply is empty (or 0 with STORE).
 *
 * ```text
 * GEORADIUSBYMEMBER key member radius M | KM | FT | MI [WITHCOORD] [WITHDIST] [WITHHASH]
 *   [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { geoSearch } from '../internal/geo.js';

export const georadiusbymember: Command = {
  name: 'georadiusbymember',
  arity: -5,
  flags: ['write', 'denyoom', 'movablekeys'],
  keys: FIRST_KEY,
  execute(context, args) {
    geoSearch(context, args, { keyAt: 1, from: 'member' });
  },
};
