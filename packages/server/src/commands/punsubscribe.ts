/**
 * PUNSUBSCRIBE: stop receiving for these patterns, or for all.
 *
 * ```text
 * PUNSUBSCRIBE [pattern [pattern ...]]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { unsubscribe } from '../internal/subscriptions.js';

export const punsubscribe: Command = {
  name: 'punsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    unsubscribe(context, args, 'patterns');
  },
};
