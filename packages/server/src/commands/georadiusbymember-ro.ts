/**
 * GEORADIUSBYMEMBER_RO: GEORADIUSBYMEMBER without STORE or STOREDIST.
 *
 * ```text
 * GEORADIUSBYMEMBER_RO key member radius M | KM | FT | MI [WITHCOORD] [WITHDIST]
 *   [WITHHASH] [COUNT count [ANY]] [ASC | DESC]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { geoSearch } from '../internal/geo.js';

export const georadiusbymember_ro: Command = {
  name: 'georadiusbymember_ro',
  arity: -5,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute(context, args) {
    geoSearch(context, args, { keyAt: 1, from: 'member', readOnly: true });
  },
};
