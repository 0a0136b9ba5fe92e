/**
 * UNSUBSCRIBE: stop receiving from these channels, or from all.
 *
 * ```text
 * UNSUBSCRIBE [channel [channel ...]]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { unsubscribe as dropSubscriptions } from '../internal/subscriptions.js';

export const unsubscribe: Command = {
  name: 'unsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    dropSubscriptions(context, args, 'channels');
  },
};
