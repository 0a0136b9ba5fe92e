/**
 * The pub/sub hub: channels and patterns, fanned out through
 * @mini-redis/channels `broadcast`.
 *
 * Each channel with subscribers has one broadcast channel; each subscribed
 * connection holds one receiver on it. A broadcast keeps at most
 * `capacity` messages for its slowest receiver, so a subscriber that stops
 * reading costs bounded memory: when it falls further behind it gets a
 * `LaggedError`, and its connection is closed, as Redis closes a client
 * over its pub/sub output-buffer limit. Patterns work the same way, with
 * one broadcast per pattern, and PUBLISH matches each against the channel.
 * Shard channels (SSUBSCRIBE, SPUBLISH) are a namespace of their own, as
 * in Redis 7: no pattern reaches them, and PUBLISH does not either.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { broadcast } from '@mini-redis/channels';
import { globMatch } from './internal/glob.js';

/**
 * What a subscriber receives. `pattern` is set for pattern subscriptions,
 * `shard` for shard channels (an `smessage`).
 */
export interface PubSubMessage {
  readonly channel: string;
  readonly message: Buffer;
  readonly pattern?: string;
  readonly shard?: true;
}

export class PubSub {
  readonly #capacity: number;
  readonly #channels = new Map<string, broadcast.BroadcastSender<PubSubMessage>>();
  readonly #patterns = new Map<string, broadcast.BroadcastSender<PubSubMessage>>();
  readonly #shardChannels = new Map<string, broadcast.BroadcastSender<PubSubMessage>>();

  /** @param capacity messages kept per channel for its slowest subscriber. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** A receiver of the messages published to `channel`. */
  subscribe(channel: string): broadcast.BroadcastReceiver<PubSubMessage> {
    return this.#subscribe(this.#channels, channel);
  }

  /** A receiver of the messages published to channels matching `pattern`. */
  psubscribe(pattern: string): broadcast.BroadcastReceiver<PubSubMessage> {
    return this.#subscribe(this.#patterns, pattern);
  }

  /** A receiver of the messages published to shard channel `channel` (SSUBSCRIBE). */
  ssubscribe(channel: string): broadcast.BroadcastReceiver<PubSubMessage> {
    return this.#subscribe(this.#shardChannels, channel);
  }

  /** Closes `receiver` and forgets its shard channel once nobody listens. */
  sunsubscribe(channel: string, receiver: broadcast.BroadcastReceiver<PubSubMessage>): void {
    this.#unsubscribe(this.#shardChannels, channel, receiver);
  }

  /** Publishes to shard channel `channel`; returns its subscribers (SPUBLISH's reply). */
  spublish(channel: string, message: Buffer): number {
    return this.#shardChannels.get(channel)?.send({ channel, message, shard: true }) ?? 0;
  }

  /** Shard channels with at least one subscriber, optionally matching `pattern`. */
  shardChannels(pattern?: string): string[] {
    return namesOf(this.#shardChannels, pattern);
  }

  /** How many connections subscribe to shard channel `channel`. */
  shardSubscriberCount(channel: string): number {
    return this.#shardChannels.get(channel)?.receiverCount() ?? 0;
  }

  /** Closes `receiver` and forgets its channel once nobody listens. */
  unsubscribe(channel: string, receiver: broadcast.BroadcastReceiver<PubSubMessage>): void {
    this.#unsubscribe(this.#channels, channel, receiver);
  }

  /** Closes `receiver` and forgets its pattern once nobody listens. */
  punsubscribe(pattern: string, receiver: broadcast.BroadcastReceiver<PubSubMessage>): void {
    this.#unsubscribe(this.#patterns, pattern, receiver);
  }

  /** Publishes `message`; returns how many subscriptions received it (PUBLISH's reply). */
  publish(channel: string, message: Buffer): number {
    let receivers = this.#channels.get(channel)?.send({ channel, message }) ?? 0;
    for (const [pattern, sender] of this.#patterns) {
      if (globMatch(pattern, channel)) receivers += sender.send({ channel, message, pattern });
    }
    return receivers;
  }

  /** Channels with at least one subscriber, optionally matching `pattern`. */
  channels(pattern?: string): string[] {
    return namesOf(this.#channels, pattern);
  }

  /** How many connections subscribe to `channel`. */
  subscriberCount(channel: string): number {
    return this.#channels.get(channel)?.receiverCount() ?? 0;
  }

  /** How many distinct patterns have subscribers, over all connections. */
  patternCount(): number {
    // Redis counts distinct patterns, not subscriptions (PUBSUB NUMPAT
    // since 6.2); a pattern is forgotten once nobody listens to it.
    return this.#patterns.size;
  }

  #subscribe(
    map: Map<string, broadcast.BroadcastSender<PubSubMessage>>,
    name: string,
  ): broadcast.BroadcastReceiver<PubSubMessage> {
    const sender = map.get(name);
    if (sender !== undefined) return sender.subscribe();
    const [created, receiver] = broadcast.channel<PubSubMessage>(this.#capacity);
    map.set(name, created);
    return receiver;
  }

  #unsubscribe(
    map: Map<string, broadcast.BroadcastSender<PubSubMessage>>,
    name: string,
    receiver: broadcast.BroadcastReceiver<PubSubMessage>,
  ): void {
    receiver.close();
    const sender = map.get(name);
    if (sender !== undefined && sender.receiverCount() === 0) {
      sender.close();
      map.delete(name);
    }
  }
}

// The names in `map`, those matching `pattern` when given.
function namesOf(map: ReadonlyMap<string, unknown>, pattern: string | undefined): string[] {
  const names: string[] = [];
  for (const name of map.keys())
    if (pattern === undefined || globMatch(pattern, name)) names.push(name);
  return names;
}
