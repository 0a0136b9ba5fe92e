/**
 * What SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE, their UNSUBSCRIBEs and RESET
 * share: changing a session's subscriptions and writing Redis's
 * confirmations, `[kind, name, count]` for each name, as a push in RESP3
 * and an array in RESP2. The count is the session's channels plus
 * patterns, and for shard channels the shard channels alone (Redis 7.0
 * counts them apart).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { broadcast } from '@mini-redis/channels';
import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import type { PubSub, PubSubMessage } from '../pubsub.js';
import type { Session } from '../session.js';

export type SubscriptionKind = 'channels' | 'patterns' | 'shardChannels';

type Receiver = broadcast.BroadcastReceiver<PubSubMessage>;

// Each kind's verbs, its hub calls, and the count its confirmations carry.
const KINDS: Record<
  SubscriptionKind,
  {
    readonly subscribe: string;
    readonly unsubscribe: string;
    add(pubsub: PubSub, name: string): Receiver;
    drop(pubsub: PubSub, name: string, receiver: Receiver): void;
    count(session: Session): number;
  }
> = {
  channels: {
    subscribe: 'subscribe',
    unsubscribe: 'unsubscribe',
    add: (pubsub, name) => pubsub.subscribe(name),
    drop: (pubsub, name, receiver) => pubsub.unsubscribe(name, receiver),
    count: (session) => session.subscriptionCount,
  },
  patterns: {
    subscribe: 'psubscribe',
    unsubscribe: 'punsubscribe',
    add: (pubsub, name) => pubsub.psubscribe(name),
    drop: (pubsub, name, receiver) => pubsub.punsubscribe(name, receiver),
    count: (session) => session.subscriptionCount,
  },
  shardChannels: {
    subscribe: 'ssubscribe',
    unsubscribe: 'sunsubscribe',
    add: (pubsub, name) => pubsub.ssubscribe(name),
    drop: (pubsub, name, receiver) => pubsub.sunsubscribe(name, receiver),
    count: (session) => session.shardChannels.size,
  },
};

function confirm(
  context: CommandContext,
  kind: SubscriptionKind,
  verb: string,
  name: string | null,
): void {
  const reply = context.reply;
  // Redis 7.0 sends these through CLIENT REPLY OFF, in either protocol.
  reply.unmuted(() => {
    reply.pushHeader(3);
    reply.bulk(verb);
    reply.bulk(name === null ? null : Buffer.from(name, 'latin1'));
    reply.integer(KINDS[kind].count(context.session));
  });
}

/** Subscribes to each name in `args[1..]`. */
export function subscribe(
  context: CommandContext,
  args: RequestArgs,
  kind: SubscriptionKind,
): void {
  const { session, db } = context;
  const subscriptions = session[kind];
  for (let i = 1; i < args.length; i++) {
    const name = args.latin1(i);
    if (!subscriptions.has(name)) {
      const receiver = KINDS[kind].add(db.pubsub, name);
      subscriptions.set(name, receiver);
      session.onSubscribe(receiver);
    }
    confirm(context, kind, KINDS[kind].subscribe, name);
  }
}

function drop(context: CommandContext, kind: SubscriptionKind, name: string): void {
  const { session, db } = context;
  const receiver = session[kind].get(name);
  if (receiver === undefined) return;
  session[kind].delete(name);
  KINDS[kind].drop(db.pubsub, name, receiver);
}

/** Unsubscribes from each name in `args[1..]`, or from all when there is none. */
export function unsubscribe(
  context: CommandContext,
  args: RequestArgs,
  kind: SubscriptionKind,
): void {
  if (args.length === 1) {
    unsubscribeAll(context, kind, true);
    return;
  }
  const verb = KINDS[kind].unsubscribe;
  for (let i = 1; i < args.length; i++) {
    const name = args.latin1(i);
    drop(context, kind, name);
    confirm(context, kind, verb, name);
  }
}

/** Drops every subscription of `kind`, confirming each when `reply` is true. */
export function unsubscribeAll(
  context: CommandContext,
  kind: SubscriptionKind,
  reply: boolean,
): void {
  const verb = KINDS[kind].unsubscribe;
  const names = [...context.session[kind].keys()];
  if (names.length === 0 && reply) {
    // Nothing to leave: Redis still confirms, with a null name.
    confirm(context, kind, verb, null);
    return;
  }
  for (const name of names) {
    drop(context, kind, name);
    if (reply) confirm(context, kind, verb, name);
  }
}
