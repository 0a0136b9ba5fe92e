/**
 * SUNSUBSCRIBE: stop receiving these shard channels, or all of them when
 * none is named (then one confirmation per channel left, or one with a
 * null name when there was none).
 *
 * ```text
 * SUNSUBSCRIBE [shardchannel [shardchannel ...]]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { unsubscribe } from '../internal/subscriptions.js';

export const sunsubscribe: Command = {
  name: 'sunsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keys: [1, -1, 1],
  execute(context, args) {
    unsubscribe(context, args, 'shardChannels');
  },
};
