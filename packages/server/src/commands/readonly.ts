/**
 * READONLY: for reading from a cluster replica; this server is never part of
 * a cluster, so it replies as Redis does with cluster-enabled no: "This
 * instance has cluster support disabled".
 *
 * ```text
 * READONLY
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';

export const readonly: Command = {
  name: 'readonly',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute() {
    throw new CommandError(Replies.clusterDisabled);
  },
};
