/**
 * SUBSCRIBE: receive the messages published to these channels.
 *
 * ```text
 * SUBSCRIBE channel [channel ...]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { subscribe as addSubscriptions } from '../internal/subscriptions.js';

export const subscribe: Command = {
  name: 'subscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    addSubscriptions(context, args, 'channels');
  },
};
