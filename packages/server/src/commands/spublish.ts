/**
 * SPUBLISH: send a message to the subscribers of a shard channel
 * (SSUBSCRIBE); replies how many received it. Neither SUBSCRIBE's
 * channels nor patterns see it.
 *
 * ```text
 * SPUBLISH shardchannel message
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';

export const spublish: Command = {
  name: 'spublish',
  arity: 3,
  flags: ['pubsub', 'loading', 'stale', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, db, session }, args) {
    const received = db.pubsub.spublish(args.latin1(1), args.copy(2));
    // As PUBLISH: a connection subscribed itself gets the message first.
    if (session.subscribed) session.deliverMessages();
    reply.integer(received);
  },
};
