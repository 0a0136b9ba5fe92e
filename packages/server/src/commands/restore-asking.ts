/**
 * RESTORE-ASKING: RESTORE as a cluster's slot migration sends it (with
 * the ASKING flag, so a node importing the slot accepts the key). Outside
 * a cluster Redis runs it as RESTORE, and so does this server.
 *
 * ```text
 * RESTORE-ASKING key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { restore } from './restore.js';

export const restoreAsking: Command = {
  name: 'restore-asking',
  arity: restore.arity,
  flags: [...restore.flags, 'asking'],
  keys: restore.keys,
  execute: restore.execute,
};
