/**
 * ASKING: for a cluster slot being migrated; this server is never part of
 * a cluster, so it replies as Redis does with cluster-enabled no: "This
 * instance has cluster support disabled".
 *
 * ```text
 * ASKING
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';

export const asking: Command = {
  name: 'asking',
  arity: 1,
  flags: ['fast'],
  keys: NO_KEYS,
  execute() {
    throw new CommandError(Replies.clusterDisabled);
  },
};
