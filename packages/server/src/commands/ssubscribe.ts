/**
 * SSUBSCRIBE: receive the messages SPUBLISH sends to these shard channels
 * (Redis 7's sharded pub/sub; on a single server, a namespace of channels
 * apart from SUBSCRIBE's). Confirmations count the shard channels alone.
 *
 * ```text
 * SSUBSCRIBE shardchannel [shardchannel ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError } from '../errors.js';
import { subscribe } from '../internal/subscriptions.js';

export const ssubscribe: Command = {
  name: 'ssubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keys: [1, -1, 1],
  execute(context, args) {
    // Run by EXEC, as Redis 7.0 refuses it to a client that may not block
    // (SUBSCRIBE it still runs there).
    if (context.session.transaction !== null)
      throw new CommandError("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
    subscribe(context, args, 'shardChannels');
  },
};
