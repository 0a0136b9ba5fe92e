/**
 * `RedisCluster#createSubscriber()`: pub/sub across a Redis Cluster, made
 * of `createSubscriber`'s subscribers (pubsub-client.ts), one per node it
 * needs, their messages merged into one bounded queue.
 *
 * Channels and patterns (SUBSCRIBE, PSUBSCRIBE) live on one node: the
 * cluster bus carries every PUBLISH to every node, so any node hears them
 * all. That subscriber asks the cluster for a master before each
 * connection, so a node that fails is left for another.
 *
 * Shard channels (SSUBSCRIBE, Redis 7) live on the master serving their
 * slot, which alone hears their SPUBLISH: one subscriber per such master,
 * one SSUBSCRIBE per slot (a node refuses channels of several slots in
 * one, CROSSSLOT). When a slot moves (a migration, a failover) the node
 * that had it ends its subscriptions unasked, or answers MOVED to a new
 * one; either way the channel is subscribed again on the master that now
 * serves the slot, and after every read of the slot map each wanted
 * shard channel is checked against it. Messages published while a
 * channel moves are lost: pub/sub's contract, as across a reconnect.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { mpsc } from '@mini-redis/channels';
import { ReplyError } from '@mini-redis/resp';
import type { HostPort } from '../address.js';
import type { Message } from '../client.js';
import { ClientError } from '../errors.js';
import {
  checkSubscriberOptions,
  PubSubClient,
  type SubscriberLocator,
  type SubscriberOptions,
} from '../pubsub-client.js';
import { keySlot } from './key-slot.js';
import type { ClusterNode } from './slot-map.js';

/**
 * Options of `RedisCluster#createSubscriber`: those of `createSubscriber`
 * for each node's subscriber (credentials and TLS default to the
 * cluster's), `capacity` bounding each of them and the merged queue.
 */
export type ClusterSubscriberOptions = Omit<SubscriberOptions, 'onShardChannelDropped'>;

/** @internal What `RedisCluster` tells a subscriber it made. */
export interface RoutingWatcher {
  /** The slot map was read again. */
  mapRead(): void;
  /** The cluster client is closing. */
  closed(): void;
}

/** @internal What the cluster subscriber needs of `RedisCluster`. */
export interface ClusterRouting {
  /** Resolves once a slot map has been read (`RedisCluster#ready`). */
  ready(): Promise<void>;
  /** The master serving `slot` in the current map; undefined when none does or none is read. */
  masterOf(slot: number): ClusterNode | undefined;
  /** The masters of the current map. */
  masters(): readonly ClusterNode[];
  /** Reads the map again now (a read under way is shared). */
  refresh(): Promise<void>;
  /** Reads the map again unless it was read a moment ago. */
  refreshSoon(): void;
  /** For a MOVED from `node`: the map patched, and the master named; null for any other error. */
  moved(error: ReplyError, node: ClusterNode): ClusterNode | null;
  /** Tells `watcher` of each read of the map, and of the close; returns what stops it. */
  watch(watcher: RoutingWatcher): () => void;
  /** Redirections followed for one SSUBSCRIBE (the cluster's `maxRedirections`). */
  readonly maxRedirections: number;
}

/**
 * Pub/sub across a cluster (see the module comment), used as
 * `createSubscriber`'s `PubSubClient`: `for await` the messages (shard
 * channels' with `shard: true`), change subscriptions while iterating.
 */
export class ClusterSubscriber<Payload extends string | Buffer = string>
  implements AsyncIterable<Message<Payload>>
{
  readonly #routing: ClusterRouting;
  readonly #options: ClusterSubscriberOptions;
  readonly #stopWatching: () => void;
  readonly #tx: mpsc.Sender<Message<Payload>>;
  readonly #rx: mpsc.Receiver<Message<Payload>>;
  // Channels and patterns: on one node, made at the first SUBSCRIBE.
  #global: PubSubClient<Payload> | null = null;
  // Shard channels: a subscriber per master, by its address.
  readonly #shards = new Map<string, PubSubClient<Payload>>();
  // The shard channels wanted: subscribed, on their way, or to move.
  readonly #shardChannels = new Set<string>();
  // Shard channels that failed to move (CLUSTERDOWN, no node serving
  // their slot yet) are tried again at the next read of the map, which
  // this timer brings about when none comes sooner: after a delay that
  // doubles, up to 5 s, while they keep failing.
  #retryTimer: NodeJS.Timeout | null = null;
  #retryDelay = RETRY_FIRST;
  #closed = false;
  /**
   * Resolves once the cluster's slot map is read; rejects as
   * `RedisCluster#ready` does. A rejection nobody awaits is not reported
   * as unhandled.
   */
  readonly ready: Promise<void>;

  /** @internal Created by `RedisCluster#createSubscriber`. */
  constructor(routing: ClusterRouting, options: ClusterSubscriberOptions) {
    // Each node's subscriber is made later, from a map read: its options
    // are checked now, where a RangeError reaches the caller.
    checkSubscriberOptions(options);
    this.#routing = routing;
    this.#options = options;
    [this.#tx, this.#rx] = mpsc.channel<Message<Payload>>(options.capacity ?? 1024);
    this.ready = routing.ready();
    this.ready.catch(() => {});
    this.#stopWatching = routing.watch({
      mapRead: () => this.#rebalance(),
      closed: () => this.close(),
    });
  }

  /** The channels subscribed to, or being subscribed to. */
  get channels(): readonly string[] {
    return this.#global?.channels ?? [];
  }

  /** The patterns subscribed to, or being subscribed to. */
  get patterns(): readonly string[] {
    return this.#global?.patterns ?? [];
  }

  /** The shard channels subscribed to, or being subscribed to (or moved) where their slot is. */
  get shardChannels(): readonly string[] {
    return [...this.#shardChannels];
  }

  /**
   * Subscribes to channels, on one node of the cluster, again after every
   * reconnection (to that node or another); resolves and rejects as
   * `PubSubClient#subscribe`.
   */
  subscribe(...channels: string[]): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#globalSubscriber().subscribe(...channels);
  }

  /** Subscribes to glob patterns; as `subscribe`. */
  psubscribe(...patterns: string[]): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#globalSubscriber().psubscribe(...patterns);
  }

  /** Unsubscribes from channels (from all when none is given); as `PubSubClient#unsubscribe`. */
  unsubscribe(...channels: string[]): Promise<void> {
    return this.#global?.unsubscribe(...channels) ?? Promise.resolve();
  }

  /** Unsubscribes from patterns (from all when none is given); as `PubSubClient#punsubscribe`. */
  punsubscribe(...patterns: string[]): Promise<void> {
    return this.#global?.punsubscribe(...patterns) ?? Promise.resolve();
  }

  /**
   * Subscribes to shard channels, each on the master serving its slot,
   * and keeps them subscribed there as slots move. Resolves once every
   * node concerned has confirmed, after the MOVED redirections on the way
   * (at most the cluster's `maxRedirections` per slot), or once closed.
   *
   * @throws TypeError (as a rejection) for a name that is not a string.
   *   ReplyError (as a rejection) when a node refuses (NOPERM; a
   *   MOVED past `maxRedirections`); ClientError `ERR_CLUSTER` when no
   *   node serves a channel's slot, or as `RedisCluster#ready` when the
   *   map cannot be read. The channels it failed for are then not wanted.
   */
  async ssubscribe(...channels: string[]): Promise<void> {
    if (this.#closed) return;
    // Each wanted name is hashed again at every read of the map: only text gets in.
    for (const name of channels)
      if (typeof name !== 'string')
        throw new TypeError(`Expected shard channel names as strings, got ${typeof name}`);
    for (const name of channels) this.#shardChannels.add(name);
    const outcomes = await Promise.allSettled(
      [...bySlot(channels)].map(async ([slot, names]) => {
        try {
          await this.#routing.ready();
          await this.#subscribeSlot(slot, names);
        } catch (error) {
          for (const name of names) if (!this.#held(name)) this.#shardChannels.delete(name);
          throw error;
        }
      }),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /**
   * Unsubscribes from shard channels (from all when none is given), on
   * the nodes that have them. Resolves once they have confirmed, or once
   * closed; a node that no longer serves a channel's slot has already
   * ended its subscription (its MOVED is not an error here).
   *
   * @throws ReplyError (as a rejection) when a node refuses it otherwise.
   */
  async sunsubscribe(...channels: string[]): Promise<void> {
    if (this.#closed) return;
    const all = channels.length === 0;
    const names = new Set(all ? this.#shardChannels : channels);
    for (const name of names) this.#shardChannels.delete(name);
    const sent: Promise<void>[] = [];
    for (const subscriber of this.#shards.values()) {
      const held = subscriber.shardChannels.filter((name) => names.has(name));
      if (held.length === 0) continue;
      if (all) sent.push(subscriber.sunsubscribe());
      else for (const group of bySlot(held).values()) sent.push(subscriber.sunsubscribe(...group));
    }
    const outcomes = await Promise.allSettled(sent);
    for (const outcome of outcomes)
      if (
        outcome.status === 'rejected' &&
        !(outcome.reason instanceof ReplyError && outcome.reason.code === 'MOVED')
      )
        throw outcome.reason;
  }

  /** The next message; undefined once closed. Cancel safety: an abort takes nothing. */
  nextMessage(options?: { signal?: AbortSignal }): Promise<Message<Payload> | undefined> {
    return this.#rx.recv(options);
  }

  /** The receiving end of the merged message queue, for `select` with other sources. */
  get messages(): mpsc.Receiver<Message<Payload>> {
    return this.#rx;
  }

  [Symbol.asyncIterator](): AsyncIterator<Message<Payload>> {
    return this.#rx[Symbol.asyncIterator]();
  }

  /** Closes every node's subscriber and ends the iteration; changes waiting resolve. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopWatching();
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#global?.close();
    for (const subscriber of this.#shards.values()) subscriber.close();
    this.#shards.clear();
    this.#tx.close();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  // SSUBSCRIBE of `names` (one slot's) on the slot's master, following
  // MOVED. Names unsubscribed meanwhile are left out.
  async #subscribeSlot(slot: number, names: readonly string[]): Promise<void> {
    for (let redirections = 0; ; redirections++) {
      const wanted = names.filter((name) => this.#shardChannels.has(name));
      if (wanted.length === 0 || this.#closed) return;
      const node = this.#routing.masterOf(slot);
      if (node === undefined) {
        this.#routing.refreshSoon();
        throw new ClientError('ERR_CLUSTER', `No node serves hash slot ${slot}`);
      }
      const subscriber = this.#shardSubscriber(node);
      try {
        await subscriber.ssubscribe(...wanted);
      } catch (error) {
        const next = error instanceof ReplyError ? this.#routing.moved(error, node) : null;
        if (next === null || redirections >= this.#routing.maxRedirections) throw error;
        continue;
      }
      // Resolved by a close: its node stopped being a master (#rebalance)
      // before it confirmed. Where the slot is now, then.
      if (this.#shards.get(node.address) === subscriber) return;
    }
  }

  // After a read of the map, or a shard channel the server dropped: each
  // wanted shard channel subscribed on its slot's master, and nowhere
  // else; subscribers of nodes no longer masters, once empty, closed.
  #rebalance(): void {
    if (this.#closed) return;
    const masters = new Set(this.#routing.masters().map((node) => node.address));
    const placed = new Set<string>();
    for (const [address, subscriber] of this.#shards) {
      for (const name of subscriber.shardChannels) {
        const owner = this.#routing.masterOf(keySlot(name));
        if (owner === undefined || owner.address === address) placed.add(name);
        // Its slot left the node, which has ended the subscription or
        // soon will (or is down): not wanted there any more.
        else subscriber.sunsubscribe(name).catch(() => {});
      }
      if (!masters.has(address) && subscriber.shardChannels.length === 0) {
        this.#shards.delete(address);
        subscriber.close();
      }
    }
    const moving = [...this.#shardChannels].filter((name) => !placed.has(name));
    for (const [slot, names] of bySlot(moving))
      this.#subscribeSlot(slot, names).then(
        () => {
          this.#retryDelay = RETRY_FIRST;
        },
        // Still wanted: tried again after the next read of the map.
        () => this.#retryLater(),
      );
  }

  #retryLater(): void {
    if (this.#retryTimer !== null || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      // A map read tells #rebalance; a failed one is tried again later.
      this.#routing.refresh().catch(() => this.#retryLater());
    }, this.#retryDelay);
    this.#retryTimer.unref();
    this.#retryDelay = Math.min(RETRY_LAST, this.#retryDelay * 2);
  }

  // Whether a node's subscriber has `name`, or is subscribing to it.
  #held(name: string): boolean {
    for (const subscriber of this.#shards.values())
      if (subscriber.shardChannels.includes(name)) return true;
    return false;
  }

  #shardSubscriber(node: ClusterNode): PubSubClient<Payload> {
    let subscriber = this.#shards.get(node.address);
    if (subscriber === undefined) {
      subscriber = new PubSubClient<Payload>(
        { host: node.host, port: node.port, tls: false, db: 0 },
        {
          ...this.#options,
          onShardChannelDropped: () => {
            // Its slot moved: the map says where (MOVED corrects it when
            // the map is behind).
            this.#routing.refreshSoon();
            this.#rebalance();
          },
        },
        { connectionLost: () => this.#routing.refreshSoon() },
      );
      this.#shards.set(node.address, subscriber);
      void this.#forward(subscriber);
    }
    return subscriber;
  }

  #globalSubscriber(): PubSubClient<Payload> {
    if (this.#global === null) {
      this.#global = new PubSubClient<Payload>(this.#anyNode(), this.#options);
      void this.#forward(this.#global);
    }
    return this.#global;
  }

  // The channels' subscriber's lookup: a master taken in turn, from a map
  // read again before every connection but the first (the last node may
  // be the one that failed).
  #anyNode(): SubscriberLocator {
    let lookups = 0;
    return {
      locate: async (_timeoutMs, signal): Promise<HostPort> => {
        if (lookups++ === 0) await this.#routing.ready();
        else await this.#routing.refresh();
        // Closed meanwhile: no connection to make.
        signal.throwIfAborted();
        const masters = this.#routing.masters();
        if (masters.length === 0) throw new ClientError('ERR_CLUSTER', 'No master serves any slot');
        return masters[lookups % masters.length]!;
      },
      describe: () => 'a node of the cluster',
    };
  }

  // Moves a node's messages into the merged queue (waiting while the
  // consumer is behind, so the node's subscriber stops reading) until it
  // ends: closed here, or given up on its own (a finite
  // `reconnect.maxAttempts` ran out), which ends this subscriber too, as
  // it ends `createSubscriber`'s.
  async #forward(subscriber: PubSubClient<Payload>): Promise<void> {
    for (;;) {
      const message = await subscriber.nextMessage();
      if (message === undefined) break;
      try {
        await this.#tx.send(message);
      } catch {
        return; // closed
      }
    }
    const current = this.#global === subscriber || [...this.#shards.values()].includes(subscriber);
    if (current) this.close();
  }
}

// The first and the longest wait before shard channels that failed to
// move are tried again.
const RETRY_FIRST = 100;
const RETRY_LAST = 5000;

// Names grouped by hash slot.
function bySlot(names: Iterable<string>): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const name of names) {
    const slot = keySlot(name);
    const group = groups.get(slot);
    if (group === undefined) groups.set(slot, [name]);
    else group.push(name);
  }
  return groups;
}
