/**
 * PSUBSCRIBE: receive the messages published to channels matching these
 * glob patterns.
 *
 * ```text
 * PSUBSCRIBE pattern [pattern ...]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { subscribe } from '../internal/subscriptions.js';

export const psubscribe: Command = {
  name: 'psubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    subscribe(context, args, 'patterns');
  },
};
