/**
 * BITFIELD_RO: BITFIELD's GET alone, a read-only command (replicas and
 * read-only ACLs accept it). SET and INCRBY are refused after every
 * argument was checked, as Redis does.
 *
 * ```text
 * BITFIELD_RO key [GET encoding offset [GET encoding offset ...]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { runBitfield } from './bitfield.js';

export const bitfieldRo: Command = {
  name: 'bitfield_ro',
  arity: -2,
  flags: ['readonly', 'fast'],
  keys: FIRST_KEY,
  execute(context, args) {
    runBitfield(context, args, true);
  },
};
