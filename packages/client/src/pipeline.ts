/**
 * Explicit batches: `client.pipeline()` and `client.multi()`.
 *
 * The commands of a batch go to the manager as one request, so they are
 * written back to back even while other callers share the connection, and
 * `exec()` resolves their replies as a tuple typed from the calls that
 * built it:
 *
 * ```ts
 * const [ok, value, count] = await client.pipeline().set('k', 'v').get('k').incr('n').exec();
 * ```
 *
 * A pipeline's `exec()` rejects with the first error reply, after every
 * command ran. `multi()` wraps the batch in MULTI/EXEC; `exec()` resolves
 * EXEC's replies, or null when a WATCHed key changed (WATCH needs a pool
 * lease, whose `multi()` is typed to say so: `exec()` resolves `T | null`).
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { type CommandArg, type Reply, ReplyError } from '@mini-redis/resp';
import { inspect } from './actor/connection-state.js';
import { keyList, memberArgs, type SetMembers } from './collection-args.js';
import {
  type GeoaddOptions,
  type GeoMember,
  type GeoSearchCenter,
  type GeoSearchOptions,
  type GeoSearchShape,
  geoaddArgs,
  geosearchArgs,
} from './geo-args.js';
import { fieldValueArgs, type HashFields } from './hash-args.js';
import {
  type ExpireOptions,
  expireArgs,
  type GetexOptions,
  getexArgs,
  type SetOptions,
  setArgs,
} from './set-args.js';
import {
  type StreamFields,
  type StreamTrimOptions,
  trimArgs,
  type XaddOptions,
  xaddArgs,
} from './stream-args.js';
import {
  type Score,
  type ScoredMembers,
  type ZaddOptions,
  type ZrangeOptions,
  zaddArgs,
  zrangeArgs,
} from './zset-args.js';

/**
 * A batch being built. `T` is the tuple of its replies' types; `Watched`
 * is true for a pool lease's `multi()`, where a WATCH can abort the
 * transaction, so `exec()` may resolve null.
 */
/**
 * @internal Where a batch goes: a `RedisClient`, or a `RedisCluster`
 * (which splits it by node). Resolves the replies in order, error replies
 * among them.
 */
export interface BatchTarget {
  send(
    args: null,
    group: readonly (readonly CommandArg[])[],
    buffers: false,
    options?: { signal?: AbortSignal; timeout?: number },
  ): Promise<Reply | Reply[]>;
}

export class Pipeline<T extends unknown[], Watched extends boolean = false> {
  readonly #client: BatchTarget;
  readonly #transaction: boolean;
  readonly #commands: CommandArg[][] = [];

  /** @internal Created by `pipeline()` and `multi()` of a client or a cluster. */
  constructor(client: BatchTarget, transaction: boolean) {
    this.#client = client;
    this.#transaction = transaction;
  }

  #add<R>(args: CommandArg[]): Pipeline<[...T, R], Watched> {
    this.#commands.push(args);
    return this as unknown as Pipeline<[...T, R], Watched>;
  }

  /** How many commands the batch holds. */
  get length(): number {
    return this.#commands.length;
  }

  /**
   * Any command.
   *
   * @throws TypeError for the commands `RedisClient#command` refuses, and
   *   for SELECT, AUTH and CLIENT SETNAME, whose change the client could not
   *   restore after a reconnect from inside a batch: send them on their own.
   */
  command<R = Reply>(args: readonly CommandArg[]): Pipeline<[...T, R], Watched> {
    const refusal = inspect(args, 'batch');
    if (refusal !== null) throw refusal;
    return this.#add<R>([...args]);
  }
  get(key: string): Pipeline<[...T, string | null], Watched> {
    return this.#add(['GET', key]);
  }
  /** SET: 'OK', or null when NX/XX prevented it; with `GET: true`, the old value. */
  set(
    key: string,
    value: string | Buffer | number,
    options: SetOptions & { GET: true },
  ): Pipeline<[...T, string | null], Watched>;
  set(
    key: string,
    value: string | Buffer | number,
    options?: SetOptions,
  ): Pipeline<[...T, 'OK' | null], Watched>;
  set(
    key: string,
    value: string | Buffer | number,
    options?: SetOptions,
  ): Pipeline<[...T, unknown], Watched> {
    return this.#add(setArgs(key, value, options));
  }
  setex(key: string, seconds: number, value: string | Buffer): Pipeline<[...T, 'OK'], Watched> {
    return this.#add(['SETEX', key, seconds, value]);
  }
  getex(key: string, options?: GetexOptions): Pipeline<[...T, string | null], Watched> {
    return this.#add(getexArgs(key, options));
  }
  getdel(key: string): Pipeline<[...T, string | null], Watched> {
    return this.#add(['GETDEL', key]);
  }
  mget(keys: readonly string[]): Pipeline<[...T, (string | null)[]], Watched> {
    return this.#add(['MGET', ...keys]);
  }
  mset(entries: Record<string, string | Buffer | number>): Pipeline<[...T, 'OK'], Watched> {
    return this.#add(['MSET', ...Object.entries(entries).flat()]);
  }
  append(key: string, value: string | Buffer): Pipeline<[...T, number], Watched> {
    return this.#add(['APPEND', key, value]);
  }
  incr(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['INCR', key]);
  }
  incrby(key: string, increment: number): Pipeline<[...T, number], Watched> {
    return this.#add(['INCRBY', key, increment]);
  }
  decr(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['DECR', key]);
  }
  decrby(key: string, decrement: number): Pipeline<[...T, number], Watched> {
    return this.#add(['DECRBY', key, decrement]);
  }
  incrbyfloat(key: string, increment: number): Pipeline<[...T, string], Watched> {
    return this.#add(['INCRBYFLOAT', key, increment]);
  }
  /** HSET with fields as an object or a Map; resolves how many were new. */
  hset(key: string, fields: HashFields): Pipeline<[...T, number], Watched> {
    return this.#add(['HSET', key, ...fieldValueArgs(fields)]);
  }
  hsetnx(
    key: string,
    field: string,
    value: string | Buffer | number,
  ): Pipeline<[...T, number], Watched> {
    return this.#add(['HSETNX', key, field, value]);
  }
  hget(key: string, field: string): Pipeline<[...T, string | null], Watched> {
    return this.#add(['HGET', key, field]);
  }
  hmget(key: string, fields: readonly string[]): Pipeline<[...T, (string | null)[]], Watched> {
    return this.#add(['HMGET', key, ...fields]);
  }
  hdel(key: string, fields: string | readonly string[]): Pipeline<[...T, number], Watched> {
    return this.#add(['HDEL', key, ...(typeof fields === 'string' ? [fields] : fields)]);
  }
  hlen(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['HLEN', key]);
  }
  hexists(key: string, field: string): Pipeline<[...T, number], Watched> {
    return this.#add(['HEXISTS', key, field]);
  }
  hincrby(key: string, field: string, increment: number): Pipeline<[...T, number], Watched> {
    return this.#add(['HINCRBY', key, field, increment]);
  }
  hincrbyfloat(key: string, field: string, increment: number): Pipeline<[...T, string], Watched> {
    return this.#add(['HINCRBYFLOAT', key, field, increment]);
  }
  lpush(key: string, elements: SetMembers): Pipeline<[...T, number], Watched> {
    return this.#add(['LPUSH', key, ...memberArgs(elements)]);
  }
  rpush(key: string, elements: SetMembers): Pipeline<[...T, number], Watched> {
    return this.#add(['RPUSH', key, ...memberArgs(elements)]);
  }
  lpop(key: string): Pipeline<[...T, string | null], Watched> {
    return this.#add(['LPOP', key]);
  }
  rpop(key: string): Pipeline<[...T, string | null], Watched> {
    return this.#add(['RPOP', key]);
  }
  llen(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['LLEN', key]);
  }
  lrange(key: string, start: number, stop: number): Pipeline<[...T, string[]], Watched> {
    return this.#add(['LRANGE', key, start, stop]);
  }
  sadd(key: string, members: SetMembers): Pipeline<[...T, number], Watched> {
    return this.#add(['SADD', key, ...memberArgs(members)]);
  }
  srem(key: string, members: SetMembers): Pipeline<[...T, number], Watched> {
    return this.#add(['SREM', key, ...memberArgs(members)]);
  }
  sismember(key: string, member: string | Buffer | number): Pipeline<[...T, number], Watched> {
    return this.#add(['SISMEMBER', key, member]);
  }
  scard(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['SCARD', key]);
  }
  zadd(
    key: string,
    members: ScoredMembers,
    options?: ZaddOptions,
  ): Pipeline<[...T, number], Watched> {
    return this.#add(zaddArgs(key, members, options));
  }
  zrem(key: string, members: SetMembers): Pipeline<[...T, number], Watched> {
    return this.#add(['ZREM', key, ...memberArgs(members)]);
  }
  zcard(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['ZCARD', key]);
  }
  zrank(key: string, member: string | Buffer | number): Pipeline<[...T, number | null], Watched> {
    return this.#add(['ZRANK', key, member]);
  }
  /** ZRANGE without scores (their reply differs by protocol: use the client's zrangeWithScores). */
  zrange(
    key: string,
    min: Score,
    max: Score,
    options?: ZrangeOptions,
  ): Pipeline<[...T, string[]], Watched> {
    return this.#add(['ZRANGE', key, ...zrangeArgs(min, max, options)]);
  }
  /** PFADD: resolves 1 when the estimate may have changed, else 0. */
  pfadd(key: string, elements: SetMembers = []): Pipeline<[...T, number], Watched> {
    return this.#add(['PFADD', key, ...memberArgs(elements)]);
  }
  pfcount(keys: string | readonly string[]): Pipeline<[...T, number], Watched> {
    return this.#add(['PFCOUNT', ...keyList(keys)]);
  }
  /** GEOADD: resolves how many members were added (with `CH`, added or moved). */
  geoadd(
    key: string,
    members: GeoMember | readonly GeoMember[],
    options?: GeoaddOptions,
  ): Pipeline<[...T, number], Watched> {
    return this.#add(geoaddArgs(key, members, options));
  }
  /** GEOSEARCH without WITH options: the members found. */
  geosearch(
    key: string,
    center: GeoSearchCenter,
    shape: GeoSearchShape,
    options?: GeoSearchOptions,
  ): Pipeline<[...T, string[]], Watched> {
    return this.#add(['GEOSEARCH', key, ...geosearchArgs(center, shape, options)]);
  }
  /** XADD: resolves the new entry's ID (null when NOMKSTREAM found no stream). */
  xadd(
    key: string,
    id: string,
    fields: StreamFields,
    options?: XaddOptions,
  ): Pipeline<[...T, string | null], Watched> {
    return this.#add(xaddArgs(key, id, fields, options));
  }
  xlen(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['XLEN', key]);
  }
  xdel(key: string, ids: string | readonly string[]): Pipeline<[...T, number], Watched> {
    return this.#add(['XDEL', key, ...keyList(ids)]);
  }
  xtrim(key: string, trim: StreamTrimOptions): Pipeline<[...T, number], Watched> {
    return this.#add(['XTRIM', key, ...trimArgs(trim)]);
  }
  xack(
    key: string,
    group: string,
    ids: string | readonly string[],
  ): Pipeline<[...T, number], Watched> {
    return this.#add(['XACK', key, group, ...keyList(ids)]);
  }
  del(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['DEL', key]);
  }
  exists(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['EXISTS', key]);
  }
  unlink(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['UNLINK', key]);
  }
  expire(key: string, seconds: number, options?: ExpireOptions): Pipeline<[...T, number], Watched> {
    return this.#add(expireArgs('EXPIRE', key, seconds, options));
  }
  pexpire(
    key: string,
    milliseconds: number,
    options?: ExpireOptions,
  ): Pipeline<[...T, number], Watched> {
    return this.#add(expireArgs('PEXPIRE', key, milliseconds, options));
  }
  persist(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['PERSIST', key]);
  }
  ttl(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['TTL', key]);
  }
  pttl(key: string): Pipeline<[...T, number], Watched> {
    return this.#add(['PTTL', key]);
  }
  publish(channel: string, message: string | Buffer): Pipeline<[...T, number], Watched> {
    return this.#add(['PUBLISH', channel, message]);
  }
  spublish(channel: string, message: string | Buffer): Pipeline<[...T, number], Watched> {
    return this.#add(['SPUBLISH', channel, message]);
  }

  /**
   * Sends the batch; resolves the replies in order (see the module doc for
   * errors). A transaction resolves null, running nothing, when a WATCHed
   * key changed: possible only on a pool lease, hence the `Watched` type.
   */
  async exec(options?: {
    signal?: AbortSignal;
    timeout?: number;
  }): Promise<Watched extends true ? T | null : T> {
    type Result = Watched extends true ? T | null : T;
    if (this.#commands.length === 0) return [] as unknown as Result;
    if (!this.#transaction) {
      const replies = (await this.#client.send(null, this.#commands, false, options)) as Reply[];
      const error = replies.find((reply) => reply instanceof ReplyError);
      if (error !== undefined) throw error;
      return replies as unknown as Result;
    }
    const group = [['MULTI'], ...this.#commands, ['EXEC']];
    const replies = (await this.#client.send(null, group, false, options)) as Reply[];
    // MULTI's OK and each QUEUED come first; an error there aborts EXEC.
    const queueError = replies.slice(0, -1).find((reply) => reply instanceof ReplyError);
    const result = replies[replies.length - 1]!;
    if (result instanceof ReplyError) throw queueError ?? result;
    return result as unknown as Result;
  }
}
