/**
 * The state of one client connection that commands read and change: its
 * id and name, selected database, protocol, authentication, subscriptions.
 * The `Handler` owns the socket; the `Session` is what commands see.
 *
 * @module
 */

import type { broadcast } from '@mini-redis/channels';
import type { ReplyEncoder } from '@mini-redis/resp';
import type { PubSubMessage } from './pubsub.js';

export class Session {
  readonly id: number;
  readonly remoteAddress: string;
  readonly localAddress: string;
  readonly createdAt = Date.now();
  /** Where this connection's replies are written. */
  readonly reply: ReplyEncoder;
  name = '';
  libName = '';
  libVersion = '';
  db = 0;
  authenticated: boolean;
  lastInteraction = Date.now();
  lastCommand = 'NULL';
  /** Set by QUIT, CLIENT KILL and protocol errors: close once replies are written. */
  closeAfterReply = false;
  readonly channels = new Map<string, broadcast.BroadcastReceiver<PubSubMessage>>();
  readonly patterns = new Map<string, broadcast.BroadcastReceiver<PubSubMessage>>();
  /** Called when a subscription is added, so the handler starts reading it. */
  onSubscribe: (receiver: broadcast.BroadcastReceiver<PubSubMessage>) => void = () => {};
  /** Called to end this connection from elsewhere (CLIENT KILL). */
  kill: () => void = () => {};

  constructor(
    id: number,
    remoteAddress: string,
    localAddress: string,
    reply: ReplyEncoder,
    authenticated: boolean,
  ) {
    this.id = id;
    this.remoteAddress = remoteAddress;
    this.localAddress = localAddress;
    this.reply = reply;
    this.authenticated = authenticated;
  }

  /** Channel plus pattern subscriptions: the count in SUBSCRIBE's replies. */
  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /** RESP2 connections with a subscription accept only the pub/sub commands. */
  get inSubscribeMode(): boolean {
    return this.reply.protocol === 2 && this.subscriptionCount > 0;
  }
}
