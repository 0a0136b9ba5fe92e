/**
 * CLUSTER: this server is never part of a cluster, so every subcommand
 * (after its arity check) replies as Redis does with cluster-enabled no:
 * "This instance has cluster support disabled". Cluster-aware clients
 * read that as "not a cluster" and talk to the server directly.
 *
 * ```text
 * CLUSTER subcommand [argument ...]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';

export const cluster: Command = {
  name: 'cluster',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  // Redis 7.0's subcommands and their arities.
  subcommands: new Map([
    ['addslots', -3],
    ['addslotsrange', -4],
    ['bumpepoch', 2],
    ['count-failure-reports', 3],
    ['countkeysinslot', 3],
    ['delslots', -3],
    ['delslotsrange', -4],
    ['failover', -2],
    ['flushslots', 2],
    ['forget', 3],
    ['getkeysinslot', 4],
    ['help', 2],
    ['info', 2],
    ['keyslot', 3],
    ['links', 2],
    ['meet', -4],
    ['myid', 2],
    ['nodes', 2],
    ['replicas', 3],
    ['replicate', 3],
    ['reset', -2],
    ['saveconfig', 2],
    ['set-config-epoch', 3],
    ['setslot', -4],
    ['shards', 2],
    ['slaves', 3],
    ['slots', 2],
  ]),
  execute() {
    throw new CommandError(Replies.clusterDisabled);
  },
};
