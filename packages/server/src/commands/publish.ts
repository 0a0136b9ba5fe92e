/**
 * PUBLISH: sends a message to a channel; replies with how many
 * subscriptions (channel and pattern) received it.
 *
 * ```text
 * PUBLISH channel message
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const publish: Command = {
  name: 'publish',
  arity: 3,
  flags: ['pubsub', 'loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply, db, session }, args) {
    const received = db.pubsub.publish(args.latin1(1), args.copy(2));
    // Redis writes the message into every subscriber's output as it
    // publishes: a connection subscribed to the channel itself (RESP3) gets
    // the message first, then this reply.
    if (session.subscribed) session.deliverMessages();
    reply.integer(received);
  },
};
