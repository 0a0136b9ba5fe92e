/**
 * What SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE and RESET share:
 * changing a session's subscriptions and writing Redis's confirmations,
 * `[kind, name, count]` for each name, as a push in RESP3 and an array in
 * RESP2, where count is the session's channels plus patterns.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';

export type SubscriptionKind = 'channels' | 'patterns';

function confirm(context: CommandContext, verb: string, name: string | null): void {
  const reply = context.reply;
  reply.pushHeader(3);
  reply.bulk(verb);
  reply.bulk(name === null ? null : Buffer.from(name, 'latin1'));
  reply.integer(context.session.subscriptionCount);
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
      const receiver = kind === 'channels' ? db.pubsub.subscribe(name) : db.pubsub.psubscribe(name);
      subscriptions.set(name, receiver);
      session.onSubscribe(receiver);
    }
    confirm(context, kind === 'channels' ? 'subscribe' : 'psubscribe', name);
  }
}

function drop(context: CommandContext, kind: SubscriptionKind, name: string): void {
  const { session, db } = context;
  const receiver = session[kind].get(name);
  if (receiver === undefined) return;
  session[kind].delete(name);
  if (kind === 'channels') db.pubsub.unsubscribe(name, receiver);
  else db.pubsub.punsubscribe(name, receiver);
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
  const verb = kind === 'channels' ? 'unsubscribe' : 'punsubscribe';
  for (let i = 1; i < args.length; i++) {
    const name = args.latin1(i);
    drop(context, kind, name);
    confirm(context, verb, name);
  }
}

/** Drops every subscription of `kind`, confirming each when `reply` is true. */
export function unsubscribeAll(
  context: CommandContext,
  kind: SubscriptionKind,
  reply: boolean,
): void {
  const verb = kind === 'channels' ? 'unsubscribe' : 'punsubscribe';
  const names = [...context.session[kind].keys()];
  if (names.length === 0 && reply) {
    // Nothing to leave: Redis still confirms, with a null name.
    confirm(context, verb, null);
    return;
  }
  for (const name of names) {
    drop(context, kind, name);
    if (reply) confirm(context, verb, name);
  }
}
