/**
 * `createCluster()`: a client for Redis Cluster, built from the same
 * actors as `createClient`: one manager (and one pipelined connection)
 * per master, and a router in front that sends each command to the
 * master serving its key's hash slot.
 *
 * The slot map comes from `CLUSTER SLOTS`, read from any node that
 * answers (the masters known, then the seed addresses), at the first
 * command, every `refreshInterval`, and whenever a node redirects a
 * command or a connection to one fails. Where the keys of a command are,
 * and which keyless commands go to every shard, come from the server's
 * own `COMMAND` (command-table.ts), read once.
 *
 * Redirections: `MOVED` updates the map and sends the command to the
 * new master; `ASK` (a slot being migrated) sends `ASKING` and the
 * command to the node named, once; `TRYAGAIN` and `CLUSTERDOWN` wait
 * `retryDelay` and try again. All of these mean the command did not
 * run, so following them never runs a command twice; at most
 * `maxRedirections` are followed. A command that may have run (its
 * connection dropped after it was written: `ERR_CONNECTION_LOST`) is
 * never sent again. One that was never sent (`ERR_NOT_CONNECTED`, or
 * queued for a node that lost its slots) goes to the slot's master
 * after the map is read again, when that is another node.
 *
 * Multi-key commands the server marks `request_policy:multi_shard` (MGET,
 * MSET, DEL, EXISTS, UNLINK, TOUCH) are split by slot when their keys
 * span several (multi-shard.ts), not atomically. Other multi-key commands
 * and transactions go to the master of their first key, and the server
 * refuses keys of different slots (`CROSSSLOT`): give related keys one
 * hash tag (`{user:1}:name`, `{user:1}:email`).
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { ConnectionOptions } from 'node:tls';
import { AcquireError, Semaphore, type SemaphorePermit } from '@mini-redis/channels';
import { type CommandArg, type Reply, ReplyError } from '@mini-redis/resp';
import { inspect } from '../actor/connection-state.js';
import { type HostPort, mapHostPort, parseAddress } from '../address.js';
import { type Client, type ConnectOptions, connect } from '../client.js';
import { type CommandOptions, RedisCommands } from '../commands.js';
import { ClientError } from '../errors.js';
import { positive } from '../option-checks.js';
import { Pipeline } from '../pipeline.js';
import type { Lease, LeasedClient } from '../pool.js';
import { type ClientOptions, type RedisClient, spawnClient } from '../redis-client.js';
import type { ScanOptions } from '../set-args.js';
import { aggregate, type ShardOutcome } from './aggregate.js';
import {
  type ClusterRouting,
  ClusterSubscriber,
  type ClusterSubscriberOptions,
  type RoutingWatcher,
} from './cluster-subscriber.js';
import { ASK_SERVER, CommandTable, type ResponsePolicy } from './command-table.js';
import { CLUSTER_SLOTS, keySlot } from './key-slot.js';
import { joinParts, type SlotPart, splitBySlot } from './multi-shard.js';
import { type Redirection, redirectionOf } from './redirection.js';
import { type ClusterNode, nodeAddress, SlotMap } from './slot-map.js';

/** Options of `createCluster`: a `createClient`'s for each node, and the router's. */
export interface ClusterOptions extends ClientOptions {
  /**
   * Redirections (MOVED, ASK, TRYAGAIN, CLUSTERDOWN) followed for one
   * command before it fails with `ERR_CLUSTER`. Default 16.
   */
  readonly maxRedirections?: number;
  /** Milliseconds between two reads of the slot map; 0 for none beyond those redirections ask for. Default 5,000. */
  readonly refreshInterval?: number;
  /** Milliseconds to wait after TRYAGAIN or CLUSTERDOWN before trying again. Default 100. */
  readonly retryDelay?: number;
  /**
   * Translates the addresses the nodes give (in CLUSTER SLOTS and in
   * redirections) into the ones this process reaches them by, for nodes
   * behind NAT or in containers (ioredis's `natMap`). Default: as given.
   */
  readonly mapAddress?: (address: HostPort) => HostPort;
  /**
   * Where commands the server flags `readonly` (GET, HGETALL, ZRANGE...)
   * go: `'master'`; `'replica'`, a replica of the slot's master taken at
   * random (the master when it has none); or `'any'`, the master or one of
   * its replicas. Replicas are reached over connections of their own that
   * send READONLY, and may answer with data a little behind the master's.
   * Default `'master'`.
   */
  readonly readFrom?: 'master' | 'replica' | 'any';
  /** Leases (`lease()`) out at once; more wait. Default 16. */
  readonly maxLeases?: number;
}

const closedCluster = () => new ClientError('ERR_CLIENT_CLOSED', 'This cluster client is closed');

// A key as the server hashes it: numbers are sent as their decimal text.
// One that is no argument at all (null, an object, from JavaScript) hashes
// as '': the command goes to a master, and the encoder refuses it with its
// TypeError before anything is sent.
function keyOf(arg: CommandArg): string | Uint8Array {
  if (typeof arg === 'string' || arg instanceof Uint8Array) return arg;
  return typeof arg === 'number' || typeof arg === 'bigint' ? String(arg) : '';
}

/**
 * A Redis Cluster client (see the module comment): the typed methods of
 * `RedisClient`, `command()`, `pipeline()` and `multi()`, routed by key.
 *
 * Keyless commands go to one master, taken in turn, except those the
 * server marks for every shard (DBSIZE, KEYS, FLUSHALL, SCRIPT LOAD,
 * FUNCTION LOAD, PING...): they go to every master and the replies are
 * combined as the server's `response_policy` says (DBSIZE's summed, KEYS'
 * joined). `scan()` runs on one master; `scanIterator()` walks every
 * master in turn. `masters()` gives a client on each master for the rest,
 * `lease(key)` a connection of its own (blocking commands, WATCH), and
 * `createSubscriber()` pub/sub across the cluster.
 *
 * One handle serves every task (it has no `clone()`); close it once. A
 * command's `timeout` (or the `commandTimeout` option) and its `signal`
 * bound it whole: every attempt of a redirected command (up to
 * `maxRedirections + 1`) and the waits between them. Past the timeout
 * between two attempts, it fails with `ERR_TIMEOUT` saying it did not run.
 */
export class RedisCluster extends RedisCommands {
  // Seed addresses, as `host:port` (credentials and TLS are in #connect).
  readonly #seeds: readonly string[];
  readonly #nodeOptions: ClientOptions;
  readonly #connect: ConnectOptions;
  readonly #maxRedirections: number;
  readonly #retryDelay: number;
  // The nodes' `commandTimeout`: here it bounds a command whole (#deadline).
  readonly #commandTimeout: number;
  readonly #mapAddress: ((address: HostPort) => HostPort) | undefined;
  readonly #readFrom: 'master' | 'replica' | 'any';
  // One actor per node commands go to, by `host:port`: masters (and nodes
  // named by redirections), and replicas (READONLY) for `readFrom`.
  readonly #clients = new Map<string, RedisClient>();
  readonly #replicaClients = new Map<string, RedisClient>();
  #slots: SlotMap | null = null;
  #commands: CommandTable | null = null;
  // The slot map's read in progress: one at a time.
  #reading: Promise<void> | null = null;
  #readAt = 0;
  #timer: NodeJS.Timeout | null = null;
  // The next master a keyless command goes to.
  #turn = 0;
  // The subscribers made here (cluster-subscriber.ts): told after each
  // read of the map, to check where their shard channels are, and closed
  // with this client.
  readonly #watchers = new Set<RoutingWatcher>();
  // Bounds the leases out; their clients, closed with this one.
  readonly #leases: Semaphore;
  readonly #leased = new Set<RedisClient>();
  #closed = false;

  /** @internal Created by `createCluster`. */
  constructor(seeds: string | readonly string[], options: ClusterOptions) {
    super();
    const list = typeof seeds === 'string' ? [seeds] : [...seeds];
    if (list.length === 0) throw new RangeError('Expected at least one cluster node address');
    const parsed = list.map(parseAddress);
    if (parsed.some((address) => address.path !== undefined))
      throw new RangeError('A cluster is reached over TCP: a Unix socket cannot be a seed');
    const db = options.db ?? parsed[0]!.db;
    if (db !== 0 || parsed.some((address) => address.db !== 0))
      throw new RangeError(`A cluster has database 0 only, got database ${db}`);
    this.#seeds = [...new Set(parsed.map((address) => nodeAddress(address)))];
    const withCredentials = parsed.find(
      (address) => address.username !== undefined || address.password !== undefined,
    );
    const username = options.username ?? withCredentials?.username;
    const password = options.password ?? withCredentials?.password;
    // A rediss:// seed: every node is reached over TLS with Node's defaults.
    const tls: ConnectionOptions | undefined =
      options.tls ?? (parsed.some((address) => address.tls) ? {} : undefined);
    const connectTimeout = positive('connectTimeout', options.connectTimeout ?? 10_000, 1);
    this.#nodeOptions = {
      ...options,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      ...(tls === undefined ? {} : { tls }),
    };
    this.#connect = {
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      ...(tls === undefined ? {} : { tls }),
      connectTimeout,
      commandTimeout: connectTimeout,
    };
    this.#maxRedirections = positive('maxRedirections', options.maxRedirections ?? 16, 0);
    this.#retryDelay = positive('retryDelay', options.retryDelay ?? 100, 0);
    this.#commandTimeout = positive('commandTimeout', options.commandTimeout ?? 0, 0);
    this.#mapAddress = options.mapAddress;
    const readFrom = options.readFrom ?? 'master';
    if (readFrom !== 'master' && readFrom !== 'replica' && readFrom !== 'any')
      throw new RangeError(
        `Expected \`readFrom\` to be 'master', 'replica' or 'any', got ${String(readFrom)}`,
      );
    this.#readFrom = readFrom;
    this.#leases = new Semaphore(positive('maxLeases', options.maxLeases ?? 16, 1));
    const interval = positive('refreshInterval', options.refreshInterval ?? 5000, 0);
    if (interval > 0) {
      this.#timer = setInterval(() => this.#readSoon(), interval);
      this.#timer.unref();
    }
  }

  /**
   * Resolves once the slot map has been read (at once after that); for
   * start-up, to fail early on wrong addresses.
   *
   * Cancel safety: aborting `signal` only stops the wait.
   *
   * @throws ClientError (as a rejection) `ERR_NOT_CONNECTED` when no node
   *   could be reached, `ERR_CLUSTER` when the nodes reached gave no slot
   *   map (each node's reason in the message); `ERR_CLIENT_CLOSED` once
   *   closed. The signal's reason when it aborts.
   */
  async ready(options?: { signal?: AbortSignal }): Promise<void> {
    if (this.#closed) throw closedCluster();
    if (this.#slots !== null) return;
    const signal = options?.signal;
    if (signal === undefined) return this.#read();
    signal.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#read()
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * A client on each master (a handle of its own on the cluster's
   * connection to it: close it when done), for what runs node by node:
   * SCAN with a cursor, INFO, CONFIG. (A blocking command there would
   * hold back the commands queued behind it: `lease()` instead.)
   */
  async masters(): Promise<RedisClient[]> {
    await this.ready();
    return this.#slots!.masters().map((node) => this.#clientFor(node).clone());
  }

  /**
   * @internal `command()` and `commandBuffer()`: to the master of the
   * key's slot (see the class comment for keyless commands). Refuses, as
   * a pool's routed connections do, what would change one connection.
   */
  protected override dispatch(
    args: readonly CommandArg[],
    buffers: boolean,
    options?: CommandOptions,
  ): Promise<Reply> {
    const refused = inspect(args, 'pooled');
    if (refused !== null) return Promise.reject(refused);
    // Measured hot path (apps/bench, client-cluster suite): a command with
    // one key at a fixed place (GET, SET, HGET...), once the map is known,
    // goes straight to its master's client, with no async layer of the
    // router's in between; a redirection or a failure is handled only
    // when one comes (#routed).
    const table = this.#commands;
    const key = table === null || this.#readFrom !== 'master' ? undefined : table.soleKey(args);
    if (key === undefined || this.#closed) return this.#run(args, buffers, options);
    const slot = keySlot(keyOf(key));
    const node = this.#slots!.masterOf(slot);
    if (node === undefined) return this.#run(args, buffers, options);
    const client = this.#clients.get(node.address) ?? this.#clientFor(node);
    const deadline = this.#deadline(options);
    const sent = buffers ? client.commandBuffer(args, options) : client.command(args, options);
    return sent.catch((error: unknown) =>
      this.#routed(slot, args, buffers, options, deadline, false, { error, node }),
    );
  }

  /**
   * A connection of its own to the master serving `key`'s slot, for what
   * the shared connections cannot take: a blocking command (BLPOP, XREAD
   * with BLOCK), which would hold back every command queued behind it, or
   * WATCH with the lease's `multi()` (whose `exec()` resolves null when a
   * watched key changed). Its client is a `RedisClient` as a pool lease's
   * (pool.ts), connected as the cluster's are: it is not routed, so every
   * key it names must be in that slot (hash tags), and once the slot
   * moves the node answers MOVED: release it and lease again. A dropped
   * connection is not replaced. `release()` (or disposing the lease)
   * closes it. At most `maxLeases` are out at once; more wait.
   *
   * Cancel safety: aborting `signal` while waiting takes no lease.
   *
   * @throws ClientError (as a rejection) `ERR_CLIENT_CLOSED` once the
   *   cluster client is closed (leases out are closed with it);
   *   `ERR_CLUSTER` when no node serves the slot; as `ready()` when the
   *   map cannot be read.
   */
  async lease(key: string | Uint8Array, options?: { signal?: AbortSignal }): Promise<Lease> {
    if (this.#closed) throw closedCluster();
    let permit: SemaphorePermit;
    try {
      permit = await this.#leases.acquire(1, options);
    } catch (error) {
      throw AcquireError.is(error) ? closedCluster() : error;
    }
    let client: RedisClient;
    try {
      await this.ready(options);
      // close() may have run meanwhile: check after every wait.
      if (this.#closed) throw closedCluster();
      client = spawnClient(this.#masterFor(keySlot(key)).address, this.#nodeOptions, 'leased');
    } catch (error) {
      permit.release();
      throw error;
    }
    this.#leased.add(client);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      this.#leased.delete(client);
      await client.close();
      permit.release();
    };
    // Only the type differs: the same RedisClient, whose multi() can meet a WATCH here.
    return { client: client as LeasedClient, release, [Symbol.asyncDispose]: release };
  }

  /**
   * Pub/sub across the cluster (cluster-subscriber.ts): channels and
   * patterns on one node (every node hears every PUBLISH), shard channels
   * (SSUBSCRIBE) on the master of their slot, followed as slots move.
   * Its connections are its own, authenticated and encrypted as the
   * cluster's unless `options` say otherwise; it is closed on its own,
   * or with this client.
   *
   * @throws ClientError `ERR_CLIENT_CLOSED` once the cluster client is closed.
   */
  createSubscriber(
    options: ClusterSubscriberOptions & { buffers: true },
  ): ClusterSubscriber<Buffer>;
  createSubscriber(options?: ClusterSubscriberOptions): ClusterSubscriber;
  createSubscriber(
    options: ClusterSubscriberOptions = {},
  ): ClusterSubscriber<Buffer> | ClusterSubscriber {
    if (this.#closed) throw closedCluster();
    const { username, password, tls, connectTimeout, keepAlive } = this.#nodeOptions;
    const inherited: ClusterSubscriberOptions = {
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      ...(tls === undefined ? {} : { tls }),
      ...(connectTimeout === undefined ? {} : { connectTimeout }),
      ...(keepAlive === undefined ? {} : { keepAlive }),
    };
    const merged = { ...inherited, ...options };
    const routing = this.#routing();
    return options.buffers === true
      ? new ClusterSubscriber<Buffer>(routing, merged)
      : new ClusterSubscriber<string>(routing, merged);
  }

  // What a cluster subscriber asks of the router.
  #routing(): ClusterRouting {
    return {
      ready: () => this.ready(),
      masterOf: (slot) => this.#slots?.masterOf(slot),
      masters: () => this.#slots?.masters() ?? [],
      refresh: () => this.#read(),
      refreshSoon: () => this.#readSoon(),
      moved: (error, node) => {
        const redirection = redirectionOf(error, node.host);
        return redirection?.kind === 'MOVED' ? this.#moved(redirection.slot, redirection.at) : null;
      },
      watch: (watcher) => {
        this.#watchers.add(watcher);
        return () => this.#watchers.delete(watcher);
      },
      maxRedirections: this.#maxRedirections,
    };
  }

  /**
   * A batch: each command goes to its key's master, and the commands of
   * one master go out back to back; `exec()` resolves the replies in the
   * batch's order, after every command settled.
   */
  pipeline(): Pipeline<[]> {
    return new Pipeline(this, false);
  }

  /**
   * A MULTI/EXEC transaction, on the master of its first key: every key
   * in it must be in that slot (the server refuses the rest, CROSSSLOT).
   * Sent again, whole, after a MOVED or ASK to one of its commands (EXEC
   * then ran nothing).
   */
  multi(): Pipeline<[]> {
    return new Pipeline(this, true);
  }

  /** SCAN over every master in turn: every key of the cluster (see `RedisClient#scanIterator`). */
  override async *scanIterator(options?: ScanOptions): AsyncGenerator<string, void, undefined> {
    await this.ready();
    for (const node of this.#slots!.masters()) yield* this.#clientFor(node).scanIterator(options);
  }

  /**
   * Closes every node's connection, after the commands sent have their
   * replies; `signal` bounds the wait as `RedisClient#close`'s does.
   * Idempotent.
   */
  async close(options?: { signal?: AbortSignal }): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    for (const watcher of [...this.#watchers]) watcher.closed();
    this.#leases.close();
    const clients = [...this.#clients.values(), ...this.#replicaClients.values(), ...this.#leased];
    this.#clients.clear();
    this.#replicaClients.clear();
    this.#leased.clear();
    await Promise.all(clients.map((client) => client.close(options)));
  }

  /** Same as `close()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * @internal A pipeline's or a transaction's batch (pipeline.ts): the
   * replies in order, error replies among them.
   */
  async send(
    _args: null,
    group: readonly (readonly CommandArg[])[],
    _buffers: boolean,
    options?: CommandOptions,
  ): Promise<Reply[]> {
    if (this.#closed) throw closedCluster();
    if (this.#slots === null) await this.#read();
    const transaction = group.length >= 2 && String(group[0]![0]).toUpperCase() === 'MULTI';
    if (transaction) return this.#transaction(group, options, this.#deadline(options));
    const outcomes = await Promise.allSettled(group.map((args) => this.#run(args, false, options)));
    const replies: Reply[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') replies.push(outcome.value);
      else if (outcome.reason instanceof ReplyError) replies.push(outcome.reason);
      else throw outcome.reason;
    }
    return replies;
  }

  // MULTI ... EXEC on the master of the first key. A queued command
  // refused with MOVED or ASK makes EXEC run nothing (EXECABORT), so the
  // whole transaction is sent again where the redirection says: after
  // MOVED to the new master; after ASK to the importing node, preceded by
  // ASKING, which Redis keeps for every command of a MULTI.
  async #transaction(
    group: readonly (readonly CommandArg[])[],
    options: CommandOptions | undefined,
    deadline: number,
  ): Promise<Reply[]> {
    let slot = -1;
    for (const args of group.slice(1, -1)) {
      slot = await this.#slotOf(args, options);
      if (slot !== -1) break;
    }
    let node = this.#masterFor(slot);
    let asking = false;
    for (let redirections = 0; ; redirections++) {
      const client = this.#clientFor(node);
      const attempt = this.#attempt(options, deadline, 'The transaction');
      const replies: Reply[] = asking
        ? ((await client.send(null, [['ASKING'], ...group], false, attempt)) as Reply[]).slice(1)
        : ((await client.send(null, group, false, attempt)) as Reply[]);
      const redirected: ReplyError | undefined = replies.find(
        (reply): reply is ReplyError =>
          reply instanceof ReplyError && (reply.code === 'MOVED' || reply.code === 'ASK'),
      );
      const redirection: Redirection | null =
        redirected === undefined ? null : redirectionOf(redirected, node.host);
      if (redirection === null || redirections >= this.#maxRedirections) return replies;
      asking = redirection.kind === 'ASK';
      node = asking ? this.#node(redirection.at) : this.#moved(redirection.slot, redirection.at);
    }
  }

  // The slot of the command's first key; -1 for a command without keys.
  #slotOf(args: readonly CommandArg[], options?: CommandOptions): number | Promise<number> {
    const key = this.#commands!.firstKey(args);
    if (key === ASK_SERVER) return this.#slotFromServer(args, options);
    return key === undefined ? -1 : keySlot(keyOf(key));
  }

  // COMMAND GETKEYS, for a command whose keys only the server can find.
  async #slotFromServer(args: readonly CommandArg[], options?: CommandOptions): Promise<number> {
    try {
      const keys = await this.#clientFor(this.#masterFor(-1)).command(
        ['COMMAND', 'GETKEYS', ...args],
        options,
      );
      return Array.isArray(keys) && keys.length > 0 ? keySlot(keyOf(keys[0] as string)) : -1;
    } catch (error) {
      // No keys, or arguments the server rejects: one master runs it and
      // says so itself.
      if (error instanceof ReplyError) return -1;
      throw error;
    }
  }

  async #run(
    args: readonly CommandArg[],
    buffers: boolean,
    options?: CommandOptions,
  ): Promise<Reply> {
    if (this.#closed) throw closedCluster();
    const deadline = this.#deadline(options);
    if (this.#slots === null) await this.#read();
    let slot = this.#slotOf(args, this.#attempt(options, deadline, args));
    if (typeof slot !== 'number') slot = await slot;
    if (slot === -1) {
      const policy = this.#commands!.policyOf(args);
      if (policy.request !== 'one')
        return this.#everyShard(
          args,
          buffers,
          policy.response,
          this.#attempt(options, deadline, args),
        );
    }
    // MGET, MSET, DEL... with keys in several slots: a part for each.
    const range = this.#commands!.multiShardKeys(args);
    if (range !== null) {
      const parts = splitBySlot(args, range, (key) => keySlot(keyOf(key)));
      if (parts.length > 1) return this.#acrossSlots(args, parts, buffers, options, deadline);
    }
    const read = this.#readFrom !== 'master' && slot !== -1 && this.#commands!.isReadOnly(args);
    return this.#routed(slot, args, buffers, options, deadline, read);
  }

  // Each part of a command split by slot on its master, the replies joined.
  async #acrossSlots(
    args: readonly CommandArg[],
    parts: readonly SlotPart[],
    buffers: boolean,
    options: CommandOptions | undefined,
    deadline: number,
  ): Promise<Reply> {
    const outcomes = await Promise.all(
      parts.map((part) =>
        this.#routed(part.slot, part.args, buffers, options, deadline).then(
          (reply): ShardOutcome => ({ ok: true, reply }),
          (error: unknown): ShardOutcome => ({ ok: false, error }),
        ),
      ),
    );
    return joinParts(this.#commands!.policyOf(args).response, parts, outcomes);
  }

  // The command on the master of `slot` (-1: any), or for a `read` where
  // `readFrom` says, following redirections (always to masters).
  // `deadline`: see #deadline. `failed`: the first attempt, made by
  // `dispatch`'s fast path, and its error.
  async #routed(
    slot: number,
    args: readonly CommandArg[],
    buffers: boolean,
    options: CommandOptions | undefined,
    deadline: number,
    read = false,
    failed?: { readonly error: unknown; readonly node: ClusterNode },
  ): Promise<Reply> {
    let node = failed?.node ?? this.#masterFor(slot);
    let replica = read ? this.#replicaFor(slot, node) : null;
    let asking = false;
    for (let redirections = 0; ; redirections++) {
      try {
        if (failed !== undefined && redirections === 0) throw failed.error;
        const attempt = this.#attempt(options, deadline, args);
        const client = replica === null ? this.#clientFor(node) : this.#replicaClientFor(replica);
        if (!asking)
          return await (buffers
            ? client.commandBuffer(args, attempt)
            : client.command(args, attempt));
        const replies = (await client.send(null, [['ASKING'], args], buffers, attempt)) as Reply[];
        if (replies[1] instanceof ReplyError) throw replies[1];
        return replies[1]!;
      } catch (error) {
        if (redirections >= this.#maxRedirections) {
          if (!(error instanceof ReplyError) || redirectionOf(error, node.host) === null)
            throw error;
          throw new ClientError(
            'ERR_CLUSTER',
            `${String(args[0]).toUpperCase()} was redirected more than ${this.#maxRedirections} times (maxRedirections); the last: ${error.message}`,
            { cause: error },
          );
        }
        [node, asking] = await this.#next(error, replica ?? node, slot, options?.signal, deadline);
        replica = null;
      }
    }
  }

  // Where a command goes after `error` from `node`, and whether with
  // ASKING; rethrows `error` when it is not to be followed.
  async #next(
    error: unknown,
    node: ClusterNode,
    slot: number,
    signal: AbortSignal | undefined,
    deadline: number,
  ): Promise<[ClusterNode, boolean]> {
    if (error instanceof ReplyError) {
      const redirection = redirectionOf(error, node.host);
      if (redirection?.kind === 'MOVED')
        return [this.#moved(redirection.slot, redirection.at), false];
      if (redirection?.kind === 'ASK') return [this.#node(redirection.at), true];
      if (error.code !== 'TRYAGAIN' && error.code !== 'CLUSTERDOWN') throw error;
      // A multi-key command in a slot being migrated, or a cluster without
      // a majority: nothing ran; wait, read the map again, try again
      // (no later than the deadline: the next attempt then times out).
      const wait =
        deadline === 0
          ? this.#retryDelay
          : Math.min(this.#retryDelay, Math.max(0, deadline - Date.now()));
      await delay(wait, signal);
      if (error.code === 'CLUSTERDOWN') await this.#read().catch(() => {});
      return [this.#masterFor(slot), false];
    }
    if (!ClientError.is(error)) throw error;
    if (error.code === 'ERR_CONNECTION_LOST') this.#readSoon();
    // Never sent: to a node that is down, or queued for one that lost its
    // slots (its client closed below, in #install). Sent again only where
    // a fresh map says the slot now is.
    const unsent =
      error.code === 'ERR_NOT_CONNECTED' || (error.code === 'ERR_CLIENT_CLOSED' && !this.#closed);
    if (!unsent) throw error;
    await this.#read().catch(() => {});
    const next = this.#masterFor(slot);
    if (next.address === node.address && error.code === 'ERR_NOT_CONNECTED') throw error;
    return [next, false];
  }

  // When a command must have settled, for a timeout (its own, or the
  // nodes' `commandTimeout`) that bounds it whole: the redirections
  // followed and the waits between attempts included; 0 for none.
  #deadline(options: CommandOptions | undefined): number {
    const timeout = options?.timeout ?? this.#commandTimeout;
    return timeout > 0 ? Date.now() + timeout : 0;
  }

  // The options of one attempt: what is left before the deadline, as its
  // timeout.
  // @throws ClientError ERR_TIMEOUT once the deadline has passed: every
  //   attempt so far was redirected, refused for now or never sent, so
  //   nothing ran.
  #attempt(
    options: CommandOptions | undefined,
    deadline: number,
    what: readonly CommandArg[] | string,
  ): CommandOptions | undefined {
    if (deadline === 0) return options;
    const left = deadline - Date.now();
    if (left > 0) return { ...options, timeout: left };
    const name = typeof what === 'string' ? what : String(what[0]).toUpperCase();
    throw new ClientError(
      'ERR_TIMEOUT',
      `${name} timed out while following the cluster's redirections: it did not run`,
    );
  }

  // The replies of every master to a keyless command, combined.
  async #everyShard(
    args: readonly CommandArg[],
    buffers: boolean,
    policy: ResponsePolicy,
    options?: CommandOptions,
  ): Promise<Reply> {
    const outcomes = await Promise.all(
      this.#slots!.masters().map((node) => {
        const client = this.#clientFor(node);
        return (buffers ? client.commandBuffer(args, options) : client.command(args, options)).then(
          (reply): ShardOutcome => ({ ok: true, reply }),
          (error: unknown): ShardOutcome => ({ ok: false, error }),
        );
      }),
    );
    return aggregate(policy, outcomes);
  }

  // The master serving `slot` (-1: one taken in turn).
  #masterFor(slot: number): ClusterNode {
    const slots = this.#slots!;
    if (slot === -1) {
      const masters = slots.masters();
      if (masters.length === 0) throw new ClientError('ERR_CLUSTER', 'No master serves any slot');
      return masters[this.#turn++ % masters.length]!;
    }
    const master = slots.masterOf(slot);
    if (master === undefined) {
      this.#readSoon();
      throw new ClientError('ERR_CLUSTER', `No node serves hash slot ${slot}`);
    }
    return master;
  }

  // For a read: a replica of `master` (or `master` itself, for `any`),
  // at random; null for the master.
  #replicaFor(slot: number, master: ClusterNode): ClusterNode | null {
    const replicas = this.#slots!.replicasOf(slot);
    const choices = this.#readFrom === 'any' ? replicas.length + 1 : replicas.length;
    const pick = Math.floor(Math.random() * choices);
    return pick < replicas.length && replicas[pick]!.address !== master.address
      ? replicas[pick]!
      : null;
  }

  #replicaClientFor(node: ClusterNode): RedisClient {
    let client = this.#replicaClients.get(node.address);
    if (client === undefined) {
      if (this.#closed) throw closedCluster();
      client = spawnClient(node.address, this.#nodeOptions, 'pooled', true);
      this.#replicaClients.set(node.address, client);
    }
    return client;
  }

  // A node named by a redirection, as this process reaches it.
  #node(at: HostPort): ClusterNode {
    const mapped = mapHostPort(this.#mapAddress, at);
    return { host: mapped.host, port: mapped.port, address: nodeAddress(mapped) };
  }

  // MOVED: `slot` is `at`'s now; the whole map is read again soon, since
  // a slot seldom moves alone.
  #moved(slot: number, at: HostPort): ClusterNode {
    const node = this.#node(at);
    this.#slots!.moved(slot, node);
    this.#readSoon();
    return node;
  }

  #clientFor(node: ClusterNode): RedisClient {
    let client = this.#clients.get(node.address);
    if (client === undefined) {
      if (this.#closed) throw closedCluster();
      client = spawnClient(node.address, this.#nodeOptions, 'pooled');
      this.#clients.set(node.address, client);
    }
    return client;
  }

  // Reads the map again unless a read is under way or just ended.
  #readSoon(): void {
    if (this.#closed || Date.now() - this.#readAt < this.#retryDelay) return;
    this.#read().catch(() => {
      // The next command that needs the map reads it again, and fails
      // with the reason if it still cannot.
    });
  }

  // The slot map read again (one read at a time: callers share it).
  #read(): Promise<void> {
    this.#reading ??= this.#readSlots().finally(() => {
      this.#reading = null;
      this.#readAt = Date.now();
    });
    return this.#reading;
  }

  async #readSlots(): Promise<void> {
    // The masters known first (the map is theirs), then the seeds.
    const candidates = [
      ...new Set([...(this.#slots?.masters().map((node) => node.address) ?? []), ...this.#seeds]),
    ];
    const reasons: string[] = [];
    let reached = false;
    for (const address of candidates) {
      if (this.#closed) throw closedCluster();
      let client: Client | undefined;
      try {
        client = await connect(address, this.#connect);
        reached = true;
        const slots = SlotMap.parse(
          await client.command(['CLUSTER', 'SLOTS']),
          parseAddress(address).host,
          this.#mapAddress,
        );
        if (slots.uncovered === CLUSTER_SLOTS) {
          reasons.push(`${address}: it serves no slots (none assigned yet?)`);
          continue;
        }
        if (this.#commands === null || this.#commands.guessing)
          this.#commands = await commandTableOf(client);
        this.#install(slots);
        return;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        reasons.push(
          `${address}: ${/cluster support disabled/i.test(why) ? `it is not in cluster mode (${why})` : why}`,
        );
      } finally {
        client?.close();
      }
    }
    throw new ClientError(
      reached ? 'ERR_CLUSTER' : 'ERR_NOT_CONNECTED',
      `No cluster node gave its slot map: ${reasons.join('; ')}`,
    );
  }

  // A new map in place: clients for new masters, and the clients of nodes
  // that are no longer masters closed. Their commands queued and unsent
  // fail with ERR_CLIENT_CLOSED and are routed again (#next); those in
  // flight still get their replies (a MOVED, for a slot that left).
  #install(slots: SlotMap): void {
    if (this.#closed) return;
    this.#slots = slots;
    retireAllBut(this.#clients, new Set(slots.masters().map((node) => node.address)));
    retireAllBut(this.#replicaClients, new Set(slots.replicas().map((node) => node.address)));
    for (const watcher of this.#watchers) watcher.mapRead();
  }
}

// The node's command table; a guessing one when it refuses COMMAND (an
// ACL user without it), asked again at the next read of the map.
async function commandTableOf(client: Client): Promise<CommandTable> {
  try {
    return new CommandTable(await client.command(['COMMAND']));
  } catch (error) {
    if (error instanceof ReplyError) return new CommandTable(null);
    throw error;
  }
}

// Closes the clients of `clients` whose node is not in `keep`.
function retireAllBut(clients: Map<string, RedisClient>, keep: ReadonlySet<string>): void {
  for (const [address, client] of clients) {
    if (keep.has(address)) continue;
    clients.delete(address);
    // A node that is down would hold its queue until it came back.
    const signal = client.connected ? undefined : AbortSignal.abort();
    client.close(signal === undefined ? undefined : { signal }).catch(() => {});
  }
}

// Waits `ms`; rejects with the signal's reason when it aborts first.
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A client for the Redis Cluster that `seeds` (one address or several:
 * `host:port`, `redis://[user:password@]host:port`, `rediss://` for TLS)
 * belong to. Any node will do as a seed; the others are found from it.
 * Nothing is connected until the first command (or `ready()`).
 *
 * @throws RangeError for options out of range, a database other than 0, or a Unix socket seed;
 *   ClientError `ERR_INVALID_ADDRESS` for an address that is not one.
 */
export function createCluster(
  seeds: string | readonly string[],
  options: ClusterOptions = {},
): RedisCluster {
  return new RedisCluster(seeds, options);
}
