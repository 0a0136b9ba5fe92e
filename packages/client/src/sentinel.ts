/**
 * Finding the server through Redis Sentinel. Given `SentinelOptions`
 * instead of an address, `createClient`, `createPool` and
 * `createSubscriber` ask the sentinels where the master of a monitored
 * group is (or its replicas) before every connection they make, so after
 * a failover the reconnect goes to the new master.
 *
 * As Redis's guidelines for Sentinel clients say ("Sentinel client
 * spec"):
 *
 * - The sentinels are asked in order. One that cannot be reached, fails,
 *   does not answer within the connect timeout, or does not know the
 *   name, is skipped for the next; the one that answered moves to the
 *   front of the list, so the next lookup asks it first.
 * - Once connected, the client asks the server its `ROLE`
 *   (`SentinelLocator#checkRole`): for a moment after a failover a
 *   sentinel may still name the old master, now a replica. A server in
 *   the wrong role is a failed attempt, retried with the reconnect backoff.
 * - The sentinels that the one which answered knows of (`SENTINEL
 *   sentinels <name>`) join the list, up to `MAX_SENTINELS`.
 *
 * What a failover looks like to a connected client: the sentinels
 * announce it on `+switch-master` (`SentinelLocator#watch`), and the
 * client leaves the old master once what it had in flight is answered
 * (manager.ts), since the old master takes writes, which are then lost,
 * until Sentinel turns it into a replica. Should the announcement be
 * missed, a write the old master refuses with `READONLY` does the same,
 * and so does Sentinel closing the old master's clients when it
 * reconfigures it (a dead master's are gone already).
 *
 * @module
 */

import type { ConnectionOptions } from 'node:tls';
import { type Reply, ReplyError } from '@mini-redis/resp';
import {
  type Address,
  describeAddress,
  type HostPort,
  mapHostPort,
  parseAddress,
} from './address.js';
import { type Client, type ConnectOptions, connect, type Subscriber } from './client.js';
import { ClientError } from './errors.js';
import { replyFields } from './reply.js';

/** Where the client finds its server through Redis Sentinel. */
export interface SentinelOptions {
  /**
   * The sentinels: `host:port`, `host` (port 26379, Sentinel's),
   * `redis://[[user]:password@]host:port` or `rediss://...` (TLS). At
   * least one. Asked in order; see the module comment.
   */
  readonly sentinels: readonly string[];
  /** The group's name in the sentinels' configuration (`sentinel monitor <name> ...`). */
  readonly name: string;
  /**
   * Which server to connect to: `'master'` (the default), or `'replica'`:
   * one of the master's replicas that the sentinel sees as up (not down,
   * not disconnected, its link to the master up), chosen at random on each
   * connection. A replica refuses writes with `READONLY`.
   */
  readonly role?: 'master' | 'replica';
  /**
   * The sentinels' ACL user and password, when they require one and
   * their addresses do not say. The servers' own are the client's
   * `username` and `password`.
   */
  readonly username?: string;
  readonly password?: string;
  /**
   * TLS options for the connections to the sentinels; given, they use
   * TLS. The servers' are the client's `tls`.
   */
  readonly tls?: ConnectionOptions;
  /** Whether the sentinels each answering sentinel knows of join the list. Default true. */
  readonly discover?: boolean;
  /**
   * Translates an address a sentinel gives (a server's, or another
   * sentinel's) into the one this process reaches it by, for servers and
   * sentinels behind NAT or in containers, which announce addresses only
   * their own network reaches (ioredis's `natMap`). Default: as given. An
   * address it returns that is not one fails that sentinel's answer.
   */
  readonly mapAddress?: (address: HostPort) => HostPort;
}

/** The most sentinels a list grows to by discovery (`SentinelOptions.discover`). */
export const MAX_SENTINELS = 64;

// The channel on which a sentinel announces a failover's new master.
const SWITCH_MASTER = '+switch-master';

// How long after the +switch-master subscription is lost (or no sentinel
// took it) it is made again.
const RESUBSCRIBE_DELAY_MS = 1000;

/** Sentinel's default port (`host` alone in `SentinelOptions.sentinels`). */
export const SENTINEL_PORT = 26379;

// `host` or `[v6 address]` without a port: Sentinel's port is meant.
const HOST_ONLY = /^(\[[^\]]+\]|[^:/[\]]+)$/;

/**
 * @internal The lookup behind a client made from `SentinelOptions`: one
 * per client (or pool), holding the sentinels' list in the order they
 * are to be asked.
 */
export class SentinelLocator {
  readonly name: string;
  readonly role: 'master' | 'replica';
  readonly #options: SentinelOptions;
  // The sentinels as given (or discovered), in the order they are asked.
  readonly #sentinels: Address[];
  // Who wants to hear that the master switched (`watch`), and the
  // subscription to +switch-master on a sentinel that tells them: one for
  // every connection made through this locator, made by `locate` on the
  // sentinel that answered, while anyone watches.
  readonly #watchers = new Set<() => void>();
  #switches: Subscriber | null = null;
  #subscribing = false;
  // The subscription's next attempt, when the last one was lost or failed.
  #resubscribe: NodeJS.Timeout | null = null;
  // The master the last lookup found, to tell on resubscribing whether a
  // failover was missed meanwhile.
  #lastMaster: HostPort | null = null;

  /**
   * @throws ClientError `ERR_INVALID_ADDRESS` for a sentinel's address that
   *   is not one; RangeError for an empty list or name, or an unknown role.
   */
  constructor(options: SentinelOptions) {
    if (!Array.isArray(options.sentinels) || options.sentinels.length === 0)
      throw new RangeError('Expected `sentinels` to name at least one sentinel');
    if (typeof options.name !== 'string' || options.name === '')
      throw new RangeError("Expected `name` to be the group's name, as the sentinels know it");
    const role = options.role ?? 'master';
    if (role !== 'master' && role !== 'replica')
      throw new RangeError(`Expected \`role\` to be 'master' or 'replica', got '${String(role)}'`);
    this.name = options.name;
    this.role = role;
    this.#options = options;
    this.#sentinels = options.sentinels.map((text) =>
      parseAddress(HOST_ONLY.test(text) ? `${text}:${SENTINEL_PORT}` : text),
    );
  }

  /** What is being looked up, for messages: "the master of 'mymaster' (Sentinel)". */
  describe(): string {
    return `the ${this.role} of '${this.name}' (Sentinel)`;
  }

  /**
   * Asks the sentinels, in order, where the server is. Each sentinel gets
   * `timeoutMs` to connect and answer.
   *
   * Cancel safety: aborting `signal` rejects at once with
   * `ERR_CLIENT_CLOSED`; a connection to a sentinel in progress is closed
   * when it completes.
   *
   * @throws ClientError `ERR_NOT_CONNECTED` when none of them named one,
   *   with each sentinel's reason.
   */
  async locate(timeoutMs: number, signal: AbortSignal): Promise<HostPort> {
    const reasons: string[] = [];
    // A copy: discovery may grow the list while it is walked.
    for (const sentinel of [...this.#sentinels]) {
      if (signal.aborted) throw closed();
      let client: Client | undefined;
      try {
        client = await abortable(
          connect(describeAddress(sentinel), this.#connectOptions(sentinel, timeoutMs)),
          signal,
          (late) => late.close(),
        );
        const found = await abortable(this.#ask(client), signal);
        if (typeof found === 'string') {
          reasons.push(`${describeAddress(sentinel)}: ${found}`);
          continue;
        }
        const target = this.#mapped(found);
        // The one that answered is asked first next time.
        const at = this.#sentinels.indexOf(sentinel);
        if (at > 0) {
          this.#sentinels.splice(at, 1);
          this.#sentinels.unshift(sentinel);
        }
        if (this.#options.discover !== false) await abortable(this.#discover(client), signal);
        if (this.role === 'master') this.#lastMaster = target;
        this.#watchSwitches(timeoutMs);
        return target;
      } catch (error) {
        if (signal.aborted) throw closed();
        reasons.push(`${describeAddress(sentinel)}: ${(error as Error).message}`);
      } finally {
        client?.close();
      }
    }
    throw new ClientError(
      'ERR_NOT_CONNECTED',
      `No sentinel named ${this.describe()}: ${reasons.join('; ')}`,
    );
  }

  /**
   * Calls `onSwitch` whenever a sentinel announces that the master of
   * this group switched (its `+switch-master` event, published once a
   * failover has promoted a replica), until the returned function
   * is called. The old master keeps accepting writes until Sentinel gets
   * to reconfigure it, up to seconds later, and writes it takes then are
   * lost: so a connection to it is dropped on this news, not on the
   * eventual `READONLY` or `CLIENT KILL`.
   *
   * The subscription is made on the sentinel that answered the last
   * lookup, while anyone watches; when its connection drops it is made
   * again on the first sentinel that takes it, a second later (see
   * #watchSwitches), and a failover missed meanwhile is announced then.
   */
  watch(onSwitch: () => void): () => void {
    this.#watchers.add(onSwitch);
    return () => {
      this.#watchers.delete(onSwitch);
      if (this.#watchers.size === 0) {
        this.#switches?.close();
        this.#switches = null;
        if (this.#resubscribe !== null) clearTimeout(this.#resubscribe);
        this.#resubscribe = null;
      }
    };
  }

  // Subscribes to +switch-master when someone watches and no subscription
  // is up or being made: on the first sentinel that takes it, in the
  // list's order (the one that answered last comes first). In the
  // background, and again RESUBSCRIBE_DELAY_MS after the subscription is
  // lost or no sentinel took it, for as long as anyone watches: a
  // sentinel that dies does not leave the clients deaf to the next
  // failover. A failover missed meanwhile is caught on resubscribing: the
  // master the sentinel names then is compared with the one last found.
  #watchSwitches(timeoutMs: number): void {
    if (this.#watchers.size === 0 || this.#switches !== null || this.#subscribing) return;
    if (this.#resubscribe !== null) return;
    this.#subscribing = true;
    void (async () => {
      let subscriber: Subscriber | null = null;
      let named: HostPort | null = null;
      try {
        for (const sentinel of [...this.#sentinels]) {
          if (this.#watchers.size === 0) return;
          try {
            [subscriber, named] = await this.#subscribeOn(sentinel, timeoutMs);
            break;
          } catch {
            // The next one.
          }
        }
      } finally {
        this.#subscribing = false;
      }
      if (subscriber === null) {
        this.#retrySubscribe(timeoutMs);
        return;
      }
      // Everyone stopped watching meanwhile.
      if (this.#watchers.size === 0) {
        subscriber.close();
        return;
      }
      this.#switches = subscriber;
      const last = this.#lastMaster;
      if (named !== null && last !== null && (named.host !== last.host || named.port !== last.port))
        this.#announceSwitch();
      try {
        for await (const message of subscriber) {
          // "<name> <old ip> <old port> <new ip> <new port>"
          if (message.message.split(' ')[0] === this.name) this.#announceSwitch();
        }
      } catch {
        // The sentinel went away.
      } finally {
        if (this.#switches === subscriber) this.#switches = null;
        subscriber.close();
      }
      this.#retrySubscribe(timeoutMs);
    })();
  }

  // Subscribes to +switch-master on `sentinel`, after asking it where the
  // master is now (null when it does not say).
  async #subscribeOn(sentinel: Address, timeoutMs: number): Promise<[Subscriber, HostPort | null]> {
    const client = await connect(
      describeAddress(sentinel),
      this.#connectOptions(sentinel, timeoutMs),
    );
    try {
      let named: HostPort | null = null;
      if (this.role === 'master') {
        const found = await this.#ask(client);
        if (typeof found !== 'string') named = this.#mapped(found);
      }
      return [await client.subscribe([SWITCH_MASTER]), named];
    } catch (error) {
      client.close();
      throw error;
    }
  }

  // Tells every watcher the master switched.
  #announceSwitch(): void {
    for (const onSwitch of [...this.#watchers]) onSwitch();
  }

  // #watchSwitches again after a delay, while anyone watches. The timer
  // does not keep the process alive: the watchers' connections do.
  #retrySubscribe(timeoutMs: number): void {
    if (this.#watchers.size === 0 || this.#resubscribe !== null) return;
    this.#resubscribe = setTimeout(() => {
      this.#resubscribe = null;
      this.#watchSwitches(timeoutMs);
    }, RESUBSCRIBE_DELAY_MS);
    this.#resubscribe.unref();
  }

  /**
   * Checks the reply to `ROLE` from the server at `address` (what
   * `locate` found), once connected.
   *
   * @throws ClientError `ERR_NOT_CONNECTED` when the server is in another
   *   role (the connection attempt failed, and is retried). A server that
   *   refuses ROLE to the client's user (`NOPERM`) is taken at the
   *   sentinel's word.
   */
  checkRole(reply: Reply, address: Address): void {
    if (reply instanceof ReplyError) {
      if (reply.code === 'NOPERM') return;
      throw new ClientError(
        'ERR_NOT_CONNECTED',
        `${describeAddress(address)}, named ${this.describe()}, refused ROLE: ${reply.message}`,
        { cause: reply },
      );
    }
    const role = Array.isArray(reply) ? String(reply[0]) : String(reply);
    // ROLE says 'slave' for a replica (and 'sentinel' for a sentinel).
    const wanted = this.role === 'master' ? 'master' : 'slave';
    if (role !== wanted)
      throw new ClientError(
        'ERR_NOT_CONNECTED',
        `${describeAddress(address)} was named ${this.describe()} but is a ${role === 'slave' ? 'replica' : role} (a failover in progress?)`,
      );
  }

  // How `sentinel` is reached: the options' credentials, else its
  // address's; TLS with the options' settings, or Node's defaults for a
  // rediss:// address; each step within `timeoutMs`.
  #connectOptions(sentinel: Address, timeoutMs: number): ConnectOptions {
    const username = this.#options.username ?? sentinel.username;
    const password = this.#options.password ?? sentinel.password;
    const tls = this.#options.tls ?? (sentinel.tls ? {} : undefined);
    return {
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      ...(tls === undefined ? {} : { tls }),
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
    };
  }

  // `at` as this process reaches it (`mapAddress`).
  #mapped(at: HostPort): HostPort {
    return mapHostPort(this.#options.mapAddress, at);
  }

  // Where the sentinel says the server is, or why it did not say.
  async #ask(client: Client): Promise<HostPort | string> {
    if (this.role === 'master') {
      const reply = await client.command(['SENTINEL', 'get-master-addr-by-name', this.name]);
      if (reply === null) return `it monitors no master named '${this.name}'`;
      if (!Array.isArray(reply) || reply.length !== 2)
        return `an unexpected reply to SENTINEL get-master-addr-by-name: ${String(reply)}`;
      return (
        located(String(reply[0]), String(reply[1])) ?? `an unexpected address: ${reply.join(':')}`
      );
    }
    let reply: Reply;
    try {
      reply = await client.command(['SENTINEL', 'replicas', this.name]);
    } catch (error) {
      // Its text for a name it does not monitor.
      if (error instanceof ReplyError && /No such master/i.test(error.message))
        return `it monitors no master named '${this.name}'`;
      throw error;
    }
    if (!Array.isArray(reply)) return `an unexpected reply to SENTINEL replicas: ${String(reply)}`;
    const up: HostPort[] = [];
    for (const entry of reply) {
      const fields = fieldsOf(entry);
      const flags = (fields.get('flags') ?? '').split(',');
      if (flags.some((flag) => flag === 's_down' || flag === 'o_down' || flag === 'disconnected'))
        continue;
      if (fields.get('master-link-status') !== 'ok') continue;
      const at = located(fields.get('ip') ?? '', fields.get('port') ?? '');
      if (at !== undefined) up.push(at);
    }
    if (up.length === 0) return `no replica of '${this.name}' is up`;
    return up[Math.floor(Math.random() * up.length)]!;
  }

  // Adds the sentinels `client`'s sentinel knows of for the group.
  async #discover(client: Client): Promise<void> {
    let reply: Reply;
    try {
      reply = await client.command(['SENTINEL', 'sentinels', this.name]);
    } catch {
      // Discovery is a help, not a condition.
      return;
    }
    if (!Array.isArray(reply)) return;
    for (const entry of reply) {
      if (this.#sentinels.length >= MAX_SENTINELS) return;
      const fields = fieldsOf(entry);
      const given = located(fields.get('ip') ?? '', fields.get('port') ?? '');
      if (given === undefined) continue;
      let at: HostPort;
      try {
        at = this.#mapped(given);
      } catch {
        continue;
      }
      if (this.#sentinels.some((known) => known.host === at.host && known.port === at.port))
        continue;
      const first = this.#sentinels[0]!;
      // Reached as the given ones are: same TLS, same credentials.
      this.#sentinels.push({ ...first, host: at.host, port: at.port });
    }
  }
}

// A host and port from a sentinel's reply; undefined when the port is not one.
function located(host: string, portText: string): HostPort | undefined {
  const port = Number(portText);
  if (host === '' || !/^\d+$/.test(portText) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

// A sentinel's description of an instance (a flat field, value list in
// RESP2, a map in RESP3) as a Map of strings.
function fieldsOf(entry: Reply): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [field, value] of replyFields(entry)) fields.set(field, String(value));
  return fields;
}

const closed = () =>
  new ClientError('ERR_CLIENT_CLOSED', 'The client was closed while looking up its server');

// `promise`, or a rejection as soon as `signal` aborts; what it yields
// after that goes to `late` (a connection to close).
function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  late?: (value: T) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(closed());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) late?.(value);
        else resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
