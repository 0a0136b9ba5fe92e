/**
 * Client-side caching: replies of read commands kept in the process, and
 * dropped when Redis says their keys changed (CLIENT TRACKING).
 *
 * The manager turns tracking on in its handshake (RESP3 only). From then
 * on Redis remembers the keys this connection reads, and pushes
 * `invalidate [keys]` when one of them changes (or a null after a flush).
 * Everything arrives on the one connection in the server's order: a
 * command's reply comes before any invalidation caused by a later change,
 * so storing each reply as it arrives and dropping entries as
 * invalidations arrive is always consistent, with no in-flight bookkeeping.
 * What can be stale is a hit served between a change on the server and
 * its invalidation's arrival: the same short window any client-side cache
 * has.
 *
 * Except for this connection's own changes: a command that is not a
 * cacheable read may write, and its invalidations come right after its
 * reply, possibly in a later read of the socket. So while any such
 * command is queued or in flight, and until a reply after its reply has
 * been read (which proves its invalidations were read), nothing is
 * answered from the cache: a caller that writes and then reads, awaiting
 * or not, reads its write, as it would without the cache. The manager
 * reports each such command leaving (`writeLeft`) and every reply
 * (`replyArrived`).
 *
 * The connection going down loses the invalidations sent meanwhile, so the
 * cache is emptied when it closes and again when a new one is ready; so it
 * is when SELECT changes the database (tracking names keys, not databases).
 *
 * Only commands whose reply depends on nothing but their keys and
 * arguments are cached (`CACHEABLE`): not TTL (time), not SRANDMEMBER
 * (chance), not SORT_RO (its BY and GET read keys it does not name).
 *
 * Keys are matched in the form the decoder gives invalidations: a key's
 * bytes read as UTF-8. Two keys that are not valid UTF-8 may then read
 * the same; that only drops an entry too many, never one too few.
 *
 * The cache holds at most `maxEntries` replies (least recently used go
 * first) and, with `ttl`, each for that many milliseconds at most.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';

/** Client-side caching options (`ClientOptions.cache`). */
export interface CacheOptions {
  /** The most replies kept; the least recently used go first. Default 10,000. */
  readonly maxEntries?: number;
  /** Milliseconds a reply is kept at most, whatever tracking says; 0 (the default) for no limit. */
  readonly ttl?: number;
}

/** What the cache has done so far (`RedisClient.cacheStats()`). */
export interface CacheStats {
  /** Replies held now. */
  readonly size: number;
  /** Commands answered from the cache. */
  readonly hits: number;
  /** Cacheable commands sent to the server. */
  readonly misses: number;
  /** Replies dropped because Redis said their keys changed (a flush, a reconnect and SELECT count every reply held). */
  readonly invalidated: number;
}

// Where a cacheable command's keys are: 'first' the argument after the
// name, 'all' every argument after it.
const CACHEABLE = new Map<string, 'first' | 'all'>();
for (const name of [
  'get',
  'getrange',
  'substr',
  'strlen',
  'getbit',
  'bitcount',
  'bitpos',
  'bitfield_ro',
  'type',
  'hget',
  'hmget',
  'hgetall',
  'hkeys',
  'hvals',
  'hlen',
  'hexists',
  'hstrlen',
  'lrange',
  'lindex',
  'llen',
  'lpos',
  'smembers',
  'sismember',
  'smismember',
  'scard',
  'zrange',
  'zrangebyscore',
  'zrevrangebyscore',
  'zrangebylex',
  'zrevrangebylex',
  'zrevrange',
  'zscore',
  'zmscore',
  'zcard',
  'zcount',
  'zlexcount',
  'zrank',
  'zrevrank',
  'xrange',
  'xrevrange',
  'xlen',
  'geopos',
  'geodist',
  'geohash',
  'geosearch',
])
  CACHEABLE.set(name, 'first');
for (const name of ['mget', 'exists', 'sinter', 'sunion', 'sdiff']) CACHEABLE.set(name, 'all');

/** A cacheable command: where its reply is kept, and the keys it read. */
export interface CacheableRead {
  readonly id: string;
  readonly keys: readonly CommandArg[];
}

/**
 * Whether `args` is a command the cache keeps, and then its entry's id:
 * the arguments, each with its type and length (so no two commands share
 * one), and whether the reply's strings are Buffers.
 */
export function cacheableRead(args: readonly CommandArg[], buffers: boolean): CacheableRead | null {
  if (args.length < 2) return null;
  const name = argText(args[0]!).toLowerCase();
  const where = CACHEABLE.get(name);
  if (where === undefined) return null;
  let id = buffers ? 'b' : 's';
  for (const arg of args) {
    const text = argText(arg);
    id += `${typeof arg === 'string' ? 's' : 'b'}${text.length}:${text}`;
  }
  return { id, keys: where === 'first' ? [args[1]!] : args.slice(1) };
}

// An argument as a string standing for its bytes: strings as they are,
// Buffers as Latin-1 (one character per byte), numbers in decimal.
function argText(arg: CommandArg): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number' || typeof arg === 'bigint') return String(arg);
  return Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength).toString('latin1');
}

// A key as invalidations name it: its bytes read as UTF-8.
function keyName(key: CommandArg | Reply): string {
  if (typeof key === 'string') return Buffer.from(key, 'utf8').toString('utf8');
  if (key instanceof Uint8Array)
    return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('utf8');
  return String(key);
}

interface Entry {
  readonly reply: Reply;
  readonly keys: readonly string[];
  readonly expiresAt: number;
}

/** The replies kept for one connection, and the keys each depends on. */
export class ReplyCache {
  readonly #maxEntries: number;
  readonly #ttl: number;
  // Map order is use order: the first entry is the least recently used.
  readonly #entries = new Map<string, Entry>();
  // Key name to the ids of the entries that read it.
  readonly #readers = new Map<string, Set<string>>();
  #hits = 0;
  #misses = 0;
  #invalidated = 0;
  // Commands that may write, submitted and not yet settled (see above),
  // and those of them whose reply was read, settled by the next reply.
  #writes = 0;
  #awaitingNextReply = 0;

  constructor(options: { maxEntries: number; ttl: number }) {
    this.#maxEntries = options.maxEntries;
    this.#ttl = options.ttl;
  }

  /**
   * The kept reply of `read`, a copy the caller may change; undefined when
   * there is none, or while a command that may write is unsettled.
   */
  lookup(read: CacheableRead): Reply | undefined {
    if (this.#writes !== 0) {
      this.#misses++;
      return undefined;
    }
    const entry = this.#entries.get(read.id);
    if (entry === undefined || (entry.expiresAt !== 0 && entry.expiresAt <= Date.now())) {
      if (entry !== undefined) this.#drop(read.id, entry);
      this.#misses++;
      return undefined;
    }
    // Used now: moves to the end of the order.
    this.#entries.delete(read.id);
    this.#entries.set(read.id, entry);
    this.#hits++;
    return copy(entry.reply);
  }

  /** Keeps `reply`, the server's answer to `read` (a copy: the caller may change its own). */
  store(read: CacheableRead, reply: Reply): void {
    const existing = this.#entries.get(read.id);
    if (existing !== undefined) this.#drop(read.id, existing);
    if (this.#entries.size >= this.#maxEntries) {
      const [oldestId, oldest] = this.#entries.entries().next().value as [string, Entry];
      this.#drop(oldestId, oldest);
    }
    const keys = read.keys.map(keyName);
    this.#entries.set(read.id, {
      reply: copy(reply),
      keys,
      expiresAt: this.#ttl === 0 ? 0 : Date.now() + this.#ttl,
    });
    for (const key of keys) {
      let readers = this.#readers.get(key);
      if (readers === undefined) {
        readers = new Set();
        this.#readers.set(key, readers);
      }
      readers.add(read.id);
    }
  }

  /**
   * A push from the server: `invalidate [keys]` drops the replies that
   * read any of them, `invalidate` with a null drops everything. Other
   * pushes are ignored.
   */
  onPush(push: readonly Reply[]): void {
    if (push.length !== 2 || keyName(push[0] as CommandArg) !== 'invalidate') return;
    const keys = push[1];
    if (keys === null) {
      this.clear();
      return;
    }
    if (!Array.isArray(keys)) return;
    for (const key of keys) {
      const readers = this.#readers.get(keyName(key));
      if (readers === undefined) continue;
      for (const id of [...readers]) {
        const entry = this.#entries.get(id);
        if (entry !== undefined) this.#drop(id, entry);
        this.#invalidated++;
      }
    }
  }

  /** A command that may write (any but a cacheable read) is submitted: hits wait until it settles. */
  writeSubmitted(request: { cacheWrite: boolean }): void {
    request.cacheWrite = true;
    this.#writes++;
  }

  /**
   * `request` leaves the manager: its reply was read (`replied`: it
   * settles at the next reply), or it was dropped unwritten, or lost with
   * the connection (settled now). Nothing for other requests.
   */
  writeLeft(request: { cacheWrite: boolean }, replied: boolean): void {
    if (!request.cacheWrite) return;
    request.cacheWrite = false;
    if (replied) this.#awaitingNextReply++;
    else this.#writes--;
  }

  /** A reply was read: the writes whose replies came before it are settled. */
  replyArrived(): void {
    if (this.#awaitingNextReply === 0) return;
    this.#writes -= this.#awaitingNextReply;
    this.#awaitingNextReply = 0;
  }

  /** Drops every reply (a flush, the connection lost or opened, SELECT). */
  clear(): void {
    this.#invalidated += this.#entries.size;
    this.#entries.clear();
    this.#readers.clear();
  }

  get stats(): CacheStats {
    return {
      size: this.#entries.size,
      hits: this.#hits,
      misses: this.#misses,
      invalidated: this.#invalidated,
    };
  }

  #drop(id: string, entry: Entry): void {
    this.#entries.delete(id);
    for (const key of entry.keys) {
      const readers = this.#readers.get(key);
      if (readers === undefined) continue;
      readers.delete(id);
      if (readers.size === 0) this.#readers.delete(key);
    }
  }
}

// A deep copy of a reply: Buffers, arrays, maps and sets are new; strings,
// numbers, booleans and null are shared (they cannot change).
function copy(reply: Reply): Reply {
  if (reply === null || typeof reply !== 'object') return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply);
  if (Array.isArray(reply)) return reply.map(copy);
  if (reply instanceof Map) {
    const map = new Map<Reply, Reply>();
    for (const [key, value] of reply) map.set(copy(key), copy(value));
    return map;
  }
  if (reply instanceof Set) return new Set([...reply].map(copy));
  return reply;
}
