/**
 * The typed command methods every client handle has: strings, keys,
 * expiry, hashes, lists, sets, sorted sets, streams, geo, scripting,
 * server administration. Each builds a command's arguments, sends it
 * through the handle's `command` (or `commandBuffer`), and shapes the
 * reply.
 *
 * `RedisCommands` knows nothing of connections: `RedisClient` (one actor
 * and its connection) and `RedisCluster` (a router over one actor per
 * node) extend it and say where a command goes, so every method is
 * written once and behaves the same on both.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';
import {
  keyList,
  type LposOptions,
  lposArgs,
  memberArgs,
  memberScanArgs,
  type SetMembers,
  type SintercardOptions,
  type SortOptions,
  type SscanOptions,
  sortArgs,
} from './collection-args.js';
import {
  coordinatesOf,
  type GeoaddOptions,
  type GeoCoordinates,
  type GeoMember,
  type GeoSearchCenter,
  type GeoSearchOptions,
  type GeoSearchResult,
  type GeoSearchShape,
  type GeoSearchStoreOptions,
  type GeoSearchWithOptions,
  type GeoUnit,
  geoaddArgs,
  geosearchArgs,
  searchResultsOf,
} from './geo-args.js';
import {
  fieldValueArgs,
  type HashFields,
  type HscanOptions,
  hscanArgs,
  pairsOf,
  recordOf,
} from './hash-args.js';
import {
  type BitfieldOffset,
  type BitfieldOperation,
  type BitfieldType,
  type BitRangeOptions,
  bitfieldArgs,
  bitRangeArgs,
  type ClientKillFilters,
  type ClientListOptions,
  type CopyOptions,
  clientKillArgs,
  clientListArgs,
  type ExpireOptions,
  expireArgs,
  type GetexOptions,
  getexArgs,
  type LcsIdxOptions,
  type LcsMatch,
  type MigrateOptions,
  type RestoreOptions,
  type ScanOptions,
  type SetOptions,
  scanArgs,
  setArgs,
} from './set-args.js';
import {
  claimArgs,
  entriesOf,
  entryOf,
  objectOf,
  type PendingEntry,
  type PendingSummary,
  pendingEntriesOf,
  pendingSummaryOf,
  readArgs,
  type StreamEntry,
  type StreamFields,
  type StreamHistoryEntry,
  type StreamRead,
  type StreamTrimOptions,
  streamInfoFullOf,
  streamReadsOf,
  streamsArgs,
  trimArgs,
  type XaddOptions,
  type XclaimOptions,
  type XreadOptions,
  xaddArgs,
} from './stream-args.js';
import {
  combineArgs,
  keyedMemberOf,
  keyedScoredOf,
  limitArgs,
  type Score,
  type ScoredMember,
  type ScoredMembers,
  scoreArg,
  scoredMembersOf,
  scoreOf,
  type ZaddOptions,
  type ZcombineOptions,
  type ZintercardOptions,
  type ZrangeLimitOptions,
  type ZrangeOptions,
  type ZscanOptions,
  zaddArgs,
  zrangeArgs,
} from './zset-args.js';

/** Per-command options. */
export interface CommandOptions {
  /** Aborting rejects the command with the signal's reason (see cancellation above). */
  readonly signal?: AbortSignal;
  /** Overrides the client's `commandTimeout` for this command. */
  readonly timeout?: number;
}

/**
 * The typed methods (see the module comment). Every method goes through
 * `command` or `commandBuffer`, and they through the subclass's `dispatch`.
 */
export abstract class RedisCommands {
  /**
   * Runs any command; resolves its reply.
   *
   * SELECT, AUTH and CLIENT SETNAME are recorded when they succeed, and
   * restored after a reconnect.
   *
   * @throws TypeError (as a rejection), with nothing sent, for commands that
   *   would break the connection every handle shares (connection-state.ts):
   *   SUBSCRIBE and the other pub/sub mode changes, and MONITOR (they need a
   *   connection of their own: `createSubscriber`, `createMonitor`);
   *   MULTI/EXEC/DISCARD (use `multi()`) and WATCH/UNWATCH, except on a pool
   *   lease; HELLO, RESET, QUIT (use `close()`), CLIENT REPLY, and SYNC and
   *   PSYNC (a replica's handshake). Also for
   *   SELECT, AUTH and CLIENT SETNAME on a pool's routed connection and
   *   on a cluster.
   */
  command(args: readonly CommandArg[], options?: CommandOptions): Promise<Reply> {
    return this.dispatch(args, false, options);
  }

  /** Runs any command; bulk strings of the reply come back as Buffers. */
  commandBuffer(args: readonly CommandArg[], options?: CommandOptions): Promise<Reply> {
    return this.dispatch(args, true, options);
  }

  /** @internal Where a subclass sends a command, and what it refuses first. */
  protected abstract dispatch(
    args: readonly CommandArg[],
    buffers: boolean,
    options?: CommandOptions,
  ): Promise<Reply>;

  /**
   * WATCH: the next `multi()`'s `exec()` resolves null, running nothing,
   * if any of `keys` changes before it (check-and-set).
   *
   * @throws TypeError (as a rejection), with nothing sent, except on a pool
   *   lease's client: a WATCH on a shared connection would hold for every
   *   handle's transactions, and a reconnect would lose it silently.
   */
  watch(keys: string | readonly string[], options?: CommandOptions): Promise<'OK'> {
    return this.command(
      ['WATCH', ...(typeof keys === 'string' ? [keys] : keys)],
      options,
    ) as Promise<'OK'>;
  }
  /**
   * UNWATCH: forgets every watched key.
   *
   * @throws TypeError (as a rejection) except on a pool lease's client, as `watch`.
   */
  unwatch(options?: CommandOptions): Promise<'OK'> {
    return this.command(['UNWATCH'], options) as Promise<'OK'>;
  }

  // Connection
  ping(message?: string, options?: CommandOptions): Promise<string> {
    return this.command(
      message === undefined ? ['PING'] : ['PING', message],
      options,
    ) as Promise<string>;
  }
  echo(message: string, options?: CommandOptions): Promise<string> {
    return this.command(['ECHO', message], options) as Promise<string>;
  }
  dbsize(options?: CommandOptions): Promise<number> {
    return this.command(['DBSIZE'], options) as Promise<number>;
  }
  /**
   * SELECT: switches the database of the connection every handle shares;
   * the client selects it again after a reconnect.
   *
   * @throws TypeError (as a rejection) on a pool's routed connection: set
   *   the pool's `db` option, or lease a connection.
   */
  select(db: number, options?: CommandOptions): Promise<'OK'> {
    return this.command(['SELECT', db], options) as Promise<'OK'>;
  }
  flushdb(options?: CommandOptions): Promise<'OK'> {
    return this.command(['FLUSHDB'], options) as Promise<'OK'>;
  }
  flushall(options?: CommandOptions): Promise<'OK'> {
    return this.command(['FLUSHALL'], options) as Promise<'OK'>;
  }
  /**
   * SAVE: writes the server's RDB file now, resolving when it is on disk.
   * Rejects (ReplyError) while a background save runs, when the file
   * cannot be written, or on @mini-redis/server started without a dir.
   */
  save(options?: CommandOptions): Promise<'OK'> {
    return this.command(['SAVE'], options) as Promise<'OK'>;
  }
  /**
   * BGSAVE: starts writing the RDB file in the background; resolves
   * "Background saving started" (with `SCHEDULE`, Redis resolves
   * "Background saving scheduled" when an AOF rewrite runs). Rejects
   * (ReplyError) while one is writing, and as `save` does.
   */
  bgsave(
    bgsaveOptions: { readonly SCHEDULE?: boolean } = {},
    options?: CommandOptions,
  ): Promise<string> {
    return this.command(
      bgsaveOptions.SCHEDULE === true ? ['BGSAVE', 'SCHEDULE'] : ['BGSAVE'],
      options,
    ) as Promise<string>;
  }
  /** LASTSAVE: the Unix time, in seconds, of the server's last successful save. */
  lastsave(options?: CommandOptions): Promise<number> {
    return this.command(['LASTSAVE'], options) as Promise<number>;
  }
  /**
   * ROLE: the server's replication role, as Redis replies it: `['master',
   * offset, replicas]` (each replica `[ip, port, offset]`), `['slave', host,
   * port, state, offset]`, or `['sentinel', masters]`.
   */
  role(options?: CommandOptions): Promise<[role: string, ...details: Reply[]]> {
    return this.command(['ROLE'], options) as Promise<[string, ...Reply[]]>;
  }
  /**
   * FAILOVER: hands this master's role to one of its replicas (`to` a
   * given one; `force` it after `timeoutMs` even if the replica lags), or
   * `abort`s a failover in progress. Rejects (ReplyError) when the server
   * has no connected replicas (always, on @mini-redis/server).
   */
  failover(
    failoverOptions: {
      readonly to?: { readonly host: string; readonly port: number };
      readonly force?: boolean;
      readonly timeoutMs?: number;
      readonly abort?: boolean;
    } = {},
    options?: CommandOptions,
  ): Promise<'OK'> {
    const args: CommandArg[] = ['FAILOVER'];
    if (failoverOptions.abort === true) args.push('ABORT');
    if (failoverOptions.to !== undefined)
      args.push('TO', failoverOptions.to.host, failoverOptions.to.port);
    if (failoverOptions.force === true) args.push('FORCE');
    if (failoverOptions.timeoutMs !== undefined) args.push('TIMEOUT', failoverOptions.timeoutMs);
    return this.command(args, options) as Promise<'OK'>;
  }
  /** TIME: the server's clock as [unix seconds, microseconds], both strings. */
  time(options?: CommandOptions): Promise<[string, string]> {
    return this.command(['TIME'], options) as Promise<[string, string]>;
  }
  /**
   * CONFIG GET: the parameters matching any of the glob `patterns`, with
   * their values. A Map whatever the protocol: RESP3 sends a map, RESP2 a
   * flat array.
   */
  async configGet(
    patterns: string | readonly string[],
    options?: CommandOptions,
  ): Promise<Map<string, string>> {
    const reply = await this.command(
      ['CONFIG', 'GET', ...(typeof patterns === 'string' ? [patterns] : patterns)],
      options,
    );
    return mapOf<string>(reply);
  }
  /** CONFIG SET: sets every parameter given, or none when one is refused. */
  configSet(parameters: Record<string, string | number>, options?: CommandOptions): Promise<'OK'> {
    const args: CommandArg[] = ['CONFIG', 'SET'];
    for (const [name, value] of Object.entries(parameters)) args.push(name, value);
    return this.command(args, options) as Promise<'OK'>;
  }
  /** CONFIG RESETSTAT: zeroes the statistics INFO reports. */
  configResetstat(options?: CommandOptions): Promise<'OK'> {
    return this.command(['CONFIG', 'RESETSTAT'], options) as Promise<'OK'>;
  }
  /**
   * CONFIG REWRITE: writes the settings in force back to the server's
   * configuration file. Rejects (ReplyError) when the server runs without
   * one, as @mini-redis/server always does.
   */
  configRewrite(options?: CommandOptions): Promise<'OK'> {
    return this.command(['CONFIG', 'REWRITE'], options) as Promise<'OK'>;
  }
  /**
   * SLOWLOG GET: the newest `count` entries of the slow log (10 by
   * default; -1 for all), newest first. Each has its id, Unix time,
   * duration in microseconds, the command's arguments (at most 32, each
   * at most 128 bytes, as the server keeps them), and the client's
   * address and name ('' for servers before Redis 4, which send neither).
   */
  async slowlogGet(count?: number, options?: CommandOptions): Promise<SlowlogEntry[]> {
    const args: CommandArg[] = ['SLOWLOG', 'GET'];
    if (count !== undefined) args.push(count);
    const entries = (await this.command(args, options)) as Reply[][];
    return entries.map(([id, time, duration, command, client, name]) => ({
      id: Number(id),
      timestamp: Number(time),
      durationMicros: Number(duration),
      args: listOf<Reply>(command ?? []).map(String),
      client: client === undefined ? '' : String(client),
      clientName: name === undefined ? '' : String(name),
    }));
  }
  /** SLOWLOG LEN: how many entries the slow log holds. */
  slowlogLen(options?: CommandOptions): Promise<number> {
    return this.command(['SLOWLOG', 'LEN'], options) as Promise<number>;
  }
  /** SLOWLOG RESET: empties the slow log (entry ids go on counting). */
  slowlogReset(options?: CommandOptions): Promise<'OK'> {
    return this.command(['SLOWLOG', 'RESET'], options) as Promise<'OK'>;
  }
  /**
   * LATENCY LATEST: for each event class the latency monitor sampled
   * (`command`, `fast-command`, ...; none while latency-monitor-threshold
   * is 0), its latest sample and its all-time maximum, in milliseconds.
   */
  async latencyLatest(options?: CommandOptions): Promise<LatencyLatest[]> {
    const events = (await this.command(['LATENCY', 'LATEST'], options)) as Reply[][];
    return events.map(([event, time, latest, max]) => ({
      event: String(event),
      timestamp: Number(time),
      latestMs: Number(latest),
      maxMs: Number(max),
    }));
  }
  /** LATENCY HISTORY: an event class's samples, oldest first (none for a class never sampled). */
  async latencyHistory(
    event: string,
    options?: CommandOptions,
  ): Promise<{ timestamp: number; latencyMs: number }[]> {
    const samples = (await this.command(['LATENCY', 'HISTORY', event], options)) as Reply[][];
    return samples.map(([time, latency]) => ({
      timestamp: Number(time),
      latencyMs: Number(latency),
    }));
  }
  /**
   * LATENCY GRAPH: an ASCII graph of an event class's samples. Rejects
   * (ReplyError) for a class with no samples.
   */
  latencyGraph(event: string, options?: CommandOptions): Promise<string> {
    return this.command(['LATENCY', 'GRAPH', event], options) as Promise<string>;
  }
  /** LATENCY DOCTOR: the server's report on its latency, in words. */
  latencyDoctor(options?: CommandOptions): Promise<string> {
    return this.command(['LATENCY', 'DOCTOR'], options) as Promise<string>;
  }
  /** LATENCY RESET: forgets the samples of the classes named (all without names); how many were forgotten. */
  latencyReset(events: readonly string[] = [], options?: CommandOptions): Promise<number> {
    return this.command(['LATENCY', 'RESET', ...events], options) as Promise<number>;
  }
  /**
   * LATENCY HISTOGRAM: per command (those named, `config` standing for
   * its subcommands, or every command that ran), how many calls its
   * histogram holds and, for each power of two of microseconds, how many
   * calls took at most that (a cumulative count). Unknown names are left
   * out. A Map by full command name (`config|get`).
   */
  async latencyHistogram(
    commands: readonly string[] = [],
    options?: CommandOptions,
  ): Promise<Map<string, LatencyHistogram>> {
    const reply = await this.command(['LATENCY', 'HISTOGRAM', ...commands], options);
    const histograms = new Map<string, LatencyHistogram>();
    for (const [name, data] of mapOf<Reply>(reply)) {
      const fields = mapOf<Reply>(data);
      const buckets = new Map<number, number>();
      // RESP3 keys the buckets by integer; RESP2 sends them flat.
      for (const [micros, count] of mapOf<Reply>(fields.get('histogram_usec') ?? []))
        buckets.set(Number(micros), Number(count));
      histograms.set(name, { calls: Number(fields.get('calls')), histogramUsec: buckets });
    }
    return histograms;
  }
  /**
   * LOLWUT: the server's piece of computer art, as text: its version line
   * by default; with `version` 5 Georg Nees's Schotter in Braille
   * characters (`args`: columns, squares per row, squares per column),
   * with 6 a skyline in terminal colours (`args`: columns, rows).
   */
  lolwut(
    lolwutOptions: { readonly version?: number; readonly args?: readonly number[] } = {},
    options?: CommandOptions,
  ): Promise<string> {
    const args: CommandArg[] = ['LOLWUT'];
    if (lolwutOptions.version !== undefined) args.push('VERSION', lolwutOptions.version);
    args.push(...(lolwutOptions.args ?? []));
    return this.command(args, options) as Promise<string>;
  }
  /**
   * ACL SETUSER: creates user `name`, or changes it, with `rules` (`on`,
   * `>password`, `+@read`, `~cache:*`, `&news.*`, `(+get ~k*)`, ...):
   * all of them, or none when one is refused (ReplyError naming it).
   */
  aclSetuser(name: string, rules: readonly string[] = [], options?: CommandOptions): Promise<'OK'> {
    return this.command(['ACL', 'SETUSER', name, ...rules], options) as Promise<'OK'>;
  }
  /**
   * ACL GETUSER: user `name`'s flags, password hashes and permissions
   * (its root selector's, then its other selectors'), described as
   * rules; null for an unknown user.
   */
  async aclGetuser(name: string, options?: CommandOptions): Promise<AclUserInfo | null> {
    const reply = await this.command(['ACL', 'GETUSER', name], options);
    if (reply === null) return null;
    const fields = mapOf<Reply>(reply);
    const selector = (map: Map<string, Reply>): AclSelectorInfo => ({
      commands: String(map.get('commands')),
      keys: String(map.get('keys')),
      channels: String(map.get('channels')),
    });
    return {
      flags: listOf<Reply>(fields.get('flags') ?? []).map(String),
      passwords: listOf<Reply>(fields.get('passwords') ?? []).map(String),
      ...selector(fields),
      selectors: listOf<Reply>(fields.get('selectors') ?? []).map((entry) =>
        selector(mapOf<Reply>(entry)),
      ),
    };
  }
  /**
   * ACL DELUSER: removes users (never `default`: a ReplyError); how many
   * existed. Their connections are closed.
   */
  aclDeluser(names: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(
      ['ACL', 'DELUSER', ...(typeof names === 'string' ? [names] : names)],
      options,
    ) as Promise<number>;
  }
  /** ACL USERS: every user's name, in name order. */
  aclUsers(options?: CommandOptions): Promise<string[]> {
    return this.command(['ACL', 'USERS'], options) as Promise<string[]>;
  }
  /** ACL LIST: every user as the line an ACL file holds (`user default on nopass ~* &* +@all`). */
  aclList(options?: CommandOptions): Promise<string[]> {
    return this.command(['ACL', 'LIST'], options) as Promise<string[]>;
  }
  /** ACL WHOAMI: the user this connection runs as. */
  aclWhoami(options?: CommandOptions): Promise<string> {
    return this.command(['ACL', 'WHOAMI'], options) as Promise<string>;
  }
  /** ACL CAT: the command categories, or the commands of `category` (`config|get` for a subcommand). */
  aclCat(category?: string, options?: CommandOptions): Promise<string[]> {
    return this.command(
      category === undefined ? ['ACL', 'CAT'] : ['ACL', 'CAT', category],
      options,
    ) as Promise<string[]>;
  }
  /** ACL GENPASS: a random password of `bits` bits (256 by default) as hex digits, from the server. */
  aclGenpass(bits?: number, options?: CommandOptions): Promise<string> {
    return this.command(
      bits === undefined ? ['ACL', 'GENPASS'] : ['ACL', 'GENPASS', bits],
      options,
    ) as Promise<string>;
  }
  /**
   * ACL LOG: the newest `count` refusals (10 by default), newest first:
   * commands, keys and channels the ACL refused, and failed logins.
   */
  async aclLog(count?: number, options?: CommandOptions): Promise<AclLogEntry[]> {
    const args: CommandArg[] = ['ACL', 'LOG'];
    if (count !== undefined) args.push(count);
    const entries = (await this.command(args, options)) as Reply[];
    return entries.map((entry) => {
      const fields = mapOf<Reply>(entry);
      return {
        count: Number(fields.get('count')),
        reason: String(fields.get('reason')) as AclLogEntry['reason'],
        context: String(fields.get('context')),
        object: String(fields.get('object')),
        username: String(fields.get('username')),
        ageSeconds: Number(fields.get('age-seconds')),
        clientInfo: String(fields.get('client-info')),
      };
    });
  }
  /** ACL LOG RESET: empties the ACL log. */
  aclLogReset(options?: CommandOptions): Promise<'OK'> {
    return this.command(['ACL', 'LOG', 'RESET'], options) as Promise<'OK'>;
  }
  /**
   * ACL DRYRUN: whether user `name` may run `command` (its name first)
   * with its keys and channels, without running it: null when it may,
   * otherwise the server's reason (`This user has no permissions to
   * access the 'k' key`).
   */
  async aclDryrun(
    name: string,
    command: readonly CommandArg[],
    options?: CommandOptions,
  ): Promise<string | null> {
    const reply = await this.command(['ACL', 'DRYRUN', name, ...command], options);
    return reply === 'OK' ? null : String(reply);
  }
  /** ACL LOAD: replaces the users with the server's ACL file's (a ReplyError, changing nothing, for a bad file). */
  aclLoad(options?: CommandOptions): Promise<'OK'> {
    return this.command(['ACL', 'LOAD'], options) as Promise<'OK'>;
  }
  /** ACL SAVE: writes the users to the server's ACL file. */
  aclSave(options?: CommandOptions): Promise<'OK'> {
    return this.command(['ACL', 'SAVE'], options) as Promise<'OK'>;
  }
  /** INFO, whole or one section: the text as the server sends it. */
  info(section?: string, options?: CommandOptions): Promise<string> {
    return this.command(
      section === undefined ? ['INFO'] : ['INFO', section],
      options,
    ) as Promise<string>;
  }

  // Strings
  get(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['GET', key], options) as Promise<string | null>;
  }
  getBuffer(key: string, options?: CommandOptions): Promise<Buffer | null> {
    return this.commandBuffer(['GET', key], options) as Promise<Buffer | null>;
  }
  /**
   * SET; resolves 'OK', or null when NX/XX prevented it; with `GET: true`,
   * the old value (null when there was none).
   */
  set(
    key: string,
    value: string | Buffer | number,
    options: SetOptions & { GET: true },
  ): Promise<string | null>;
  set(key: string, value: string | Buffer | number, options?: SetOptions): Promise<'OK' | null>;
  set(key: string, value: string | Buffer | number, options?: SetOptions): Promise<string | null> {
    return this.command(setArgs(key, value, options), options) as Promise<string | null>;
  }
  setex(
    key: string,
    seconds: number,
    value: string | Buffer,
    options?: CommandOptions,
  ): Promise<'OK'> {
    return this.command(['SETEX', key, seconds, value], options) as Promise<'OK'>;
  }
  psetex(
    key: string,
    milliseconds: number,
    value: string | Buffer,
    options?: CommandOptions,
  ): Promise<'OK'> {
    return this.command(['PSETEX', key, milliseconds, value], options) as Promise<'OK'>;
  }
  /** GETEX: the value, and sets or removes (PERSIST) its expiry. */
  getex(key: string, options?: GetexOptions): Promise<string | null> {
    return this.command(getexArgs(key, options), options) as Promise<string | null>;
  }
  getexBuffer(key: string, options?: GetexOptions): Promise<Buffer | null> {
    return this.commandBuffer(getexArgs(key, options), options) as Promise<Buffer | null>;
  }
  setnx(key: string, value: string | Buffer, options?: CommandOptions): Promise<number> {
    return this.command(['SETNX', key, value], options) as Promise<number>;
  }
  getset(key: string, value: string | Buffer, options?: CommandOptions): Promise<string | null> {
    return this.command(['GETSET', key, value], options) as Promise<string | null>;
  }
  getsetBuffer(
    key: string,
    value: string | Buffer,
    options?: CommandOptions,
  ): Promise<Buffer | null> {
    return this.commandBuffer(['GETSET', key, value], options) as Promise<Buffer | null>;
  }
  getdel(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['GETDEL', key], options) as Promise<string | null>;
  }
  getdelBuffer(key: string, options?: CommandOptions): Promise<Buffer | null> {
    return this.commandBuffer(['GETDEL', key], options) as Promise<Buffer | null>;
  }
  mget(keys: readonly string[], options?: CommandOptions): Promise<(string | null)[]> {
    return this.command(['MGET', ...keys], options) as Promise<(string | null)[]>;
  }
  mgetBuffer(keys: readonly string[], options?: CommandOptions): Promise<(Buffer | null)[]> {
    return this.commandBuffer(['MGET', ...keys], options) as Promise<(Buffer | null)[]>;
  }
  mset(entries: Record<string, string | Buffer | number>, options?: CommandOptions): Promise<'OK'> {
    return this.command(['MSET', ...Object.entries(entries).flat()], options) as Promise<'OK'>;
  }
  /** MSETNX: sets every key, or none when one exists; resolves 1 or 0. */
  msetnx(
    entries: Record<string, string | Buffer | number>,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['MSETNX', ...Object.entries(entries).flat()], options) as Promise<number>;
  }
  append(key: string, value: string | Buffer, options?: CommandOptions): Promise<number> {
    return this.command(['APPEND', key, value], options) as Promise<number>;
  }
  strlen(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['STRLEN', key], options) as Promise<number>;
  }
  getrange(key: string, start: number, end: number, options?: CommandOptions): Promise<string> {
    return this.command(['GETRANGE', key, start, end], options) as Promise<string>;
  }
  /** LCS: the longest common subsequence of two strings (missing keys are empty). */
  lcs(key1: string, key2: string, options?: CommandOptions): Promise<string> {
    return this.command(['LCS', key1, key2], options) as Promise<string>;
  }
  /** LCS LEN: the length of the longest common subsequence. */
  lcsLen(key1: string, key2: string, options?: CommandOptions): Promise<number> {
    return this.command(['LCS', key1, key2, 'LEN'], options) as Promise<number>;
  }
  /**
   * LCS IDX WITHMATCHLEN: the matching ranges, last first (as Redis lists
   * them), and the subsequence's length.
   */
  async lcsIdx(
    key1: string,
    key2: string,
    options?: LcsIdxOptions,
  ): Promise<{ matches: LcsMatch[]; len: number }> {
    const args: CommandArg[] = ['LCS', key1, key2, 'IDX', 'WITHMATCHLEN'];
    if (options?.minMatchLen !== undefined) args.push('MINMATCHLEN', options.minMatchLen);
    // A RESP3 map: "matches" then "len". A connection that fell back to
    // RESP2 (HELLO refused) gets the same as a flat array.
    const reply = (await this.command(args, options)) as Map<string, unknown> | unknown[];
    const get = (name: string, index: number) =>
      reply instanceof Map ? reply.get(name) : reply[index];
    const matches = (get('matches', 1) as [[number, number], [number, number], number][]).map(
      ([first, second, length]) => ({ first, second, length }),
    );
    return { matches, len: get('len', 3) as number };
  }
  /** SUBSTR: GETRANGE's old name, which Redis still serves (prefer `getrange`). */
  substr(key: string, start: number, end: number, options?: CommandOptions): Promise<string> {
    return this.command(['SUBSTR', key, start, end], options) as Promise<string>;
  }
  getrangeBuffer(
    key: string,
    start: number,
    end: number,
    options?: CommandOptions,
  ): Promise<Buffer> {
    return this.commandBuffer(['GETRANGE', key, start, end], options) as Promise<Buffer>;
  }
  /** SETRANGE: overwrites from `offset`; resolves the new length. */
  setrange(
    key: string,
    offset: number,
    value: string | Buffer,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['SETRANGE', key, offset, value], options) as Promise<number>;
  }
  /** SETBIT: sets (1) or clears (0) bit `offset`, growing the string; resolves the old bit. */
  setbit(key: string, offset: number, value: 0 | 1, options?: CommandOptions): Promise<0 | 1> {
    return this.command(['SETBIT', key, offset, value], options) as Promise<0 | 1>;
  }
  /** GETBIT: bit `offset` (0 past the end, or for a missing key). */
  getbit(key: string, offset: number, options?: CommandOptions): Promise<0 | 1> {
    return this.command(['GETBIT', key, offset], options) as Promise<0 | 1>;
  }
  /**
   * BITCOUNT: how many bits are set, in the whole string or a range. BITCOUNT
   * takes a start only with an end: `{ start }` alone is refused by Redis.
   */
  bitcount(key: string, options?: BitRangeOptions): Promise<number> {
    return this.command(['BITCOUNT', key, ...bitRangeArgs(options)], options) as Promise<number>;
  }
  /** BITPOS: the first bit equal to `bit` in the string or a range, or -1. */
  bitpos(key: string, bit: 0 | 1, options?: BitRangeOptions): Promise<number> {
    return this.command(['BITPOS', key, bit, ...bitRangeArgs(options)], options) as Promise<number>;
  }
  /**
   * BITOP: stores the AND, OR or XOR of `keys` (NOT: of one key) at
   * `destination`; resolves its length (0 deletes it).
   */
  bitop(
    operation: 'AND' | 'OR' | 'XOR' | 'NOT',
    destination: string,
    keys: string | readonly string[],
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(
      ['BITOP', operation, destination, ...(typeof keys === 'string' ? [keys] : keys)],
      options,
    ) as Promise<number>;
  }
  /**
   * BITFIELD: runs the operations in order; one result per GET, SET (the
   * old value) and INCRBY (the new one), null where OVERFLOW FAIL stopped
   * a write. Values beyond 2^53 come back as bigints.
   */
  bitfield(
    key: string,
    operations: readonly BitfieldOperation[],
    options?: CommandOptions,
  ): Promise<(number | bigint | null)[]> {
    return this.command(['BITFIELD', key, ...bitfieldArgs(operations)], options) as Promise<
      (number | bigint | null)[]
    >;
  }
  /** BITFIELD_RO: GET operations only. */
  bitfieldRo(
    key: string,
    fields: readonly (readonly [BitfieldType, BitfieldOffset])[],
    options?: CommandOptions,
  ): Promise<(number | bigint)[]> {
    return this.command(
      ['BITFIELD_RO', key, ...fields.flatMap(([type, offset]) => ['GET', type, offset])],
      options,
    ) as Promise<(number | bigint)[]>;
  }
  incr(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['INCR', key], options) as Promise<number>;
  }
  decr(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['DECR', key], options) as Promise<number>;
  }
  incrby(key: string, increment: number, options?: CommandOptions): Promise<number> {
    return this.command(['INCRBY', key, increment], options) as Promise<number>;
  }
  decrby(key: string, decrement: number, options?: CommandOptions): Promise<number> {
    return this.command(['DECRBY', key, decrement], options) as Promise<number>;
  }
  incrbyfloat(key: string, increment: number, options?: CommandOptions): Promise<string> {
    return this.command(['INCRBYFLOAT', key, increment], options) as Promise<string>;
  }

  // Keys and expiry
  del(keys: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(
      ['DEL', ...(typeof keys === 'string' ? [keys] : keys)],
      options,
    ) as Promise<number>;
  }
  exists(keys: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(
      ['EXISTS', ...(typeof keys === 'string' ? [keys] : keys)],
      options,
    ) as Promise<number>;
  }
  type(key: string, options?: CommandOptions): Promise<string> {
    return this.command(['TYPE', key], options) as Promise<string>;
  }
  keys(pattern: string, options?: CommandOptions): Promise<string[]> {
    return this.command(['KEYS', pattern], options) as Promise<string[]>;
  }
  rename(key: string, newKey: string, options?: CommandOptions): Promise<'OK'> {
    return this.command(['RENAME', key, newKey], options) as Promise<'OK'>;
  }
  /** RENAMENX: renames unless `newKey` exists; resolves 1 or 0. */
  renamenx(key: string, newKey: string, options?: CommandOptions): Promise<number> {
    return this.command(['RENAMENX', key, newKey], options) as Promise<number>;
  }
  unlink(keys: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(
      ['UNLINK', ...(typeof keys === 'string' ? [keys] : keys)],
      options,
    ) as Promise<number>;
  }
  /** TOUCH: how many of `keys` exist (each counted as often as it is named). */
  touch(keys: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(
      ['TOUCH', ...(typeof keys === 'string' ? [keys] : keys)],
      options,
    ) as Promise<number>;
  }
  /**
   * COPY: copies `source`'s value and deadline to `destination` (in
   * database `DB` if given); resolves 1, or 0 when `source` is missing or
   * `destination` exists and `REPLACE` is not set.
   */
  copy(source: string, destination: string, options?: CopyOptions): Promise<number> {
    const args: CommandArg[] = ['COPY', source, destination];
    if (options?.DB !== undefined) args.push('DB', options.DB);
    if (options?.REPLACE === true) args.push('REPLACE');
    return this.command(args, options) as Promise<number>;
  }
  /**
   * DUMP: `key`'s value serialized as Redis does (no deadline), for
   * `restore` here or on another server; null for a missing key.
   */
  dump(key: string, options?: CommandOptions): Promise<Buffer | null> {
    return this.commandBuffer(['DUMP', key], options) as Promise<Buffer | null>;
  }
  /**
   * RESTORE: creates `key` from a `dump` payload, with a TTL in
   * milliseconds (0: none). Rejects (ReplyError) with BUSYKEY when the key
   * exists and `REPLACE` is not set, and for a payload that does not
   * check or read ("DUMP payload version or checksum are wrong", "Bad
   * data format").
   */
  restore(key: string, ttl: number, payload: Buffer, options?: RestoreOptions): Promise<'OK'> {
    const args: CommandArg[] = ['RESTORE', key, ttl, payload];
    if (options?.REPLACE === true) args.push('REPLACE');
    if (options?.ABSTTL === true) args.push('ABSTTL');
    if (options?.IDLETIME !== undefined) args.push('IDLETIME', options.IDLETIME);
    if (options?.FREQ !== undefined) args.push('FREQ', options.FREQ);
    return this.command(args, options) as Promise<'OK'>;
  }
  /**
   * MIGRATE: moves `keys` (one key, or several, sent with KEYS) to the
   * server at `host`:`port`, into database `db`, allowing the target
   * `timeoutMs` of silence at each step (0: Redis's default, 1000).
   * Resolves 'OK' once the target restored every key (each then deleted
   * here, unless `COPY`), or 'NOKEY' when none of them exists here.
   * Rejects (ReplyError) with the target's error ("ERR Target instance
   * replied with error: BUSYKEY ..." without `REPLACE`, NOAUTH, WRONGPASS)
   * and with IOERR when the target could not be reached or fell silent:
   * after an IOERR a key may be on both servers, never on neither.
   * The server waits for the target without serving its other clients
   * (Redis blocks; @mini-redis/server holds their commands), and
   * @mini-redis/server refuses it inside MULTI and scripts.
   */
  migrate(
    host: string,
    port: number,
    keys: string | readonly string[],
    db: number,
    timeoutMs: number,
    options?: MigrateOptions,
  ): Promise<'OK' | 'NOKEY'> {
    const key = typeof keys === 'string' ? keys : '';
    const args: CommandArg[] = ['MIGRATE', host, port, key, db, timeoutMs];
    if (options?.COPY === true) args.push('COPY');
    if (options?.REPLACE === true) args.push('REPLACE');
    const auth = options?.AUTH;
    if (typeof auth === 'string') args.push('AUTH', auth);
    else if (auth !== undefined) args.push('AUTH2', auth.username, auth.password);
    if (typeof keys !== 'string') args.push('KEYS', ...keys);
    return this.command(args, options) as Promise<'OK' | 'NOKEY'>;
  }
  /** MOVE: moves `key` to database `db`; resolves 1, or 0 when it is missing or exists there. */
  move(key: string, db: number, options?: CommandOptions): Promise<number> {
    return this.command(['MOVE', key, db], options) as Promise<number>;
  }
  /** SWAPDB: exchanges the contents of two databases, for every connection. */
  swapdb(first: number, second: number, options?: CommandOptions): Promise<'OK'> {
    return this.command(['SWAPDB', first, second], options) as Promise<'OK'>;
  }
  randomkey(options?: CommandOptions): Promise<string | null> {
    return this.command(['RANDOMKEY'], options) as Promise<string | null>;
  }
  /** SCAN: one batch; resolves [next cursor, keys], the cursor '0' when done. */
  scan(cursor: string | number, options?: ScanOptions): Promise<[string, string[]]> {
    return this.command(scanArgs(cursor, options), options) as Promise<[string, string[]]>;
  }
  /**
   * Every key, through SCAN a batch at a time (`for await (const key of
   * client.scanIterator({ MATCH: 'user:*' }))`). A key present for the
   * whole iteration comes at least once (Redis may repeat one when its
   * table is resized; @mini-redis/server never does). Breaking out of the
   * loop stops it; `signal` and `timeout` apply to each SCAN.
   */
  async *scanIterator(options?: ScanOptions): AsyncGenerator<string, void, undefined> {
    let cursor = '0';
    do {
      const [next, keys] = await this.scan(cursor, options);
      yield* keys;
      cursor = next;
    } while (cursor !== '0');
  }
  /**
   * HSET: sets fields of the hash at `key` (created when absent), one
   * field and value, or several as an object or a Map; resolves how many
   * fields were new. A key holding another type rejects with WRONGTYPE.
   */
  hset(
    key: string,
    field: string,
    value: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number>;
  hset(key: string, fields: HashFields, options?: CommandOptions): Promise<number>;
  hset(
    key: string,
    fieldOrFields: string | HashFields,
    valueOrOptions?: string | Buffer | number | CommandOptions,
    maybeOptions?: CommandOptions,
  ): Promise<number> {
    if (typeof fieldOrFields === 'string') {
      const value = valueOrOptions as string | Buffer | number;
      return this.command(['HSET', key, fieldOrFields, value], maybeOptions) as Promise<number>;
    }
    const args = fieldValueArgs(fieldOrFields);
    // Redis refuses HSET without a field: say so here, with the cause.
    if (args.length === 0) return Promise.reject(new RangeError('HSET needs at least one field'));
    return this.command(
      ['HSET', key, ...args],
      valueOrOptions as CommandOptions | undefined,
    ) as Promise<number>;
  }
  /** HMSET: HSET's older form, which resolves 'OK' instead of a count (prefer `hset`). */
  hmset(key: string, fields: HashFields, options?: CommandOptions): Promise<'OK'> {
    const args = fieldValueArgs(fields);
    if (args.length === 0) return Promise.reject(new RangeError('HMSET needs at least one field'));
    return this.command(['HMSET', key, ...args], options) as Promise<'OK'>;
  }
  /** HSETNX: sets a field only when it is absent; resolves 1 when set, 0 when it existed. */
  hsetnx(
    key: string,
    field: string,
    value: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['HSETNX', key, field, value], options) as Promise<number>;
  }
  /** HGET: a field's value, or null when the field or the key is absent. */
  hget(key: string, field: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['HGET', key, field], options) as Promise<string | null>;
  }
  hgetBuffer(key: string, field: string, options?: CommandOptions): Promise<Buffer | null> {
    return this.commandBuffer(['HGET', key, field], options) as Promise<Buffer | null>;
  }
  /** HMGET: the values of `fields` in that order, null for each absent one. */
  hmget(
    key: string,
    fields: readonly string[],
    options?: CommandOptions,
  ): Promise<(string | null)[]> {
    return this.command(['HMGET', key, ...fields], options) as Promise<(string | null)[]>;
  }
  hmgetBuffer(
    key: string,
    fields: readonly string[],
    options?: CommandOptions,
  ): Promise<(Buffer | null)[]> {
    return this.commandBuffer(['HMGET', key, ...fields], options) as Promise<(Buffer | null)[]>;
  }
  /**
   * HGETALL: every field and value, as an object without a prototype (so a
   * field named `__proto__` is only a field); empty for an absent key.
   * Its keys keep the hash's order except for integer-like field names,
   * which JavaScript objects put first: use `hscanIterator` for the order.
   */
  async hgetall(key: string, options?: CommandOptions): Promise<Record<string, string>> {
    return recordOf<string>(await this.command(['HGETALL', key], options));
  }
  /** HGETALL with the values as Buffers (field names read as UTF-8). */
  async hgetallBuffer(key: string, options?: CommandOptions): Promise<Record<string, Buffer>> {
    return recordOf<Buffer>(await this.commandBuffer(['HGETALL', key], options));
  }
  /** HKEYS: every field, in the hash's order. */
  hkeys(key: string, options?: CommandOptions): Promise<string[]> {
    return this.command(['HKEYS', key], options) as Promise<string[]>;
  }
  /** HVALS: every value, in the hash's order. */
  hvals(key: string, options?: CommandOptions): Promise<string[]> {
    return this.command(['HVALS', key], options) as Promise<string[]>;
  }
  hvalsBuffer(key: string, options?: CommandOptions): Promise<Buffer[]> {
    return this.commandBuffer(['HVALS', key], options) as Promise<Buffer[]>;
  }
  /** HLEN: how many fields (0 for an absent key). */
  hlen(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['HLEN', key], options) as Promise<number>;
  }
  /** HEXISTS: 1 when the field exists, else 0. */
  hexists(key: string, field: string, options?: CommandOptions): Promise<number> {
    return this.command(['HEXISTS', key, field], options) as Promise<number>;
  }
  /** HSTRLEN: a field's value's length in bytes (0 when absent). */
  hstrlen(key: string, field: string, options?: CommandOptions): Promise<number> {
    return this.command(['HSTRLEN', key, field], options) as Promise<number>;
  }
  /** HDEL: deletes fields; resolves how many existed. The key goes with its last field. */
  hdel(key: string, fields: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(
      ['HDEL', key, ...(typeof fields === 'string' ? [fields] : fields)],
      options,
    ) as Promise<number>;
  }
  /** HINCRBY: adds an integer to a field (absent: 0); resolves the result. */
  hincrby(
    key: string,
    field: string,
    increment: number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['HINCRBY', key, field, increment], options) as Promise<number>;
  }
  /** HINCRBYFLOAT: adds a float to a field; resolves the result as Redis prints it. */
  hincrbyfloat(
    key: string,
    field: string,
    increment: number,
    options?: CommandOptions,
  ): Promise<string> {
    return this.command(['HINCRBYFLOAT', key, field, increment], options) as Promise<string>;
  }
  /** HRANDFIELD: one random field, or null for an absent key. */
  hrandfield(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['HRANDFIELD', key], options) as Promise<string | null>;
  }
  /**
   * HRANDFIELD with a count: that many distinct fields (at most the whole
   * hash) when `count` is positive; when negative, -count fields drawn
   * independently, which may repeat.
   */
  hrandfieldCount(key: string, count: number, options?: CommandOptions): Promise<string[]> {
    return this.command(['HRANDFIELD', key, count], options) as Promise<string[]>;
  }
  /** HRANDFIELD ... WITHVALUES: as `hrandfieldCount`, each field with its value. */
  async hrandfieldWithValues(
    key: string,
    count: number,
    options?: CommandOptions,
  ): Promise<[field: string, value: string][]> {
    return pairsOf<string>(await this.command(['HRANDFIELD', key, count, 'WITHVALUES'], options));
  }
  /**
   * HSCAN: one batch; resolves [next cursor, field, value, field, value...],
   * the cursor '0' when done. A small hash comes whole in one batch.
   */
  hscan(
    key: string,
    cursor: string | number,
    options?: HscanOptions,
  ): Promise<[cursor: string, fieldsAndValues: string[]]> {
    return this.command(hscanArgs(key, cursor, options), options) as Promise<[string, string[]]>;
  }
  /**
   * Every field and value of the hash at `key`, through HSCAN a batch at a
   * time (`for await (const [field, value] of client.hscanIterator(key))`).
   * A field present for the whole iteration comes at least once (Redis may
   * repeat one when its table is resized). Breaking out of the loop stops it.
   */
  async *hscanIterator(
    key: string,
    options?: HscanOptions,
  ): AsyncGenerator<[field: string, value: string], void, undefined> {
    let cursor = '0';
    do {
      const [next, flat] = await this.hscan(key, cursor, options);
      for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i]!, flat[i + 1]!];
      cursor = next;
    } while (cursor !== '0');
  }
  /** LPUSH: pushes elements at the head, each before the one pushed before it; resolves the length. */
  lpush(key: string, elements: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['LPUSH', key, ...memberArgs(elements)], options) as Promise<number>;
  }
  /** RPUSH: pushes elements at the tail; resolves the length. */
  rpush(key: string, elements: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['RPUSH', key, ...memberArgs(elements)], options) as Promise<number>;
  }
  /** LPUSHX: LPUSH only onto an existing list; resolves 0 when there is none. */
  lpushx(key: string, elements: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['LPUSHX', key, ...memberArgs(elements)], options) as Promise<number>;
  }
  /** RPUSHX: RPUSH only onto an existing list; resolves 0 when there is none. */
  rpushx(key: string, elements: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['RPUSHX', key, ...memberArgs(elements)], options) as Promise<number>;
  }
  /** LPOP: removes and resolves the head, or null for an absent key. */
  lpop(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['LPOP', key], options) as Promise<string | null>;
  }
  lpopBuffer(key: string, options?: CommandOptions): Promise<Buffer | null> {
    return this.commandBuffer(['LPOP', key], options) as Promise<Buffer | null>;
  }
  /** LPOP with a count: up to `count` elements from the head, or null for an absent key. */
  lpopCount(key: string, count: number, options?: CommandOptions): Promise<string[] | null> {
    return this.command(['LPOP', key, count], options) as Promise<string[] | null>;
  }
  /** RPOP: removes and resolves the tail, or null for an absent key. */
  rpop(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['RPOP', key], options) as Promise<string | null>;
  }
  rpopBuffer(key: string, options?: CommandOptions): Promise<Buffer | null> {
    return this.commandBuffer(['RPOP', key], options) as Promise<Buffer | null>;
  }
  /** RPOP with a count: up to `count` elements from the tail (last first), or null for an absent key. */
  rpopCount(key: string, count: number, options?: CommandOptions): Promise<string[] | null> {
    return this.command(['RPOP', key, count], options) as Promise<string[] | null>;
  }
  /** LLEN: the length (0 for an absent key). */
  llen(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['LLEN', key], options) as Promise<number>;
  }
  /** LINDEX: the element at `index` (negative from the tail), or null when out of range. */
  lindex(key: string, index: number, options?: CommandOptions): Promise<string | null> {
    return this.command(['LINDEX', key, index], options) as Promise<string | null>;
  }
  /** LSET: replaces the element at `index`; rejects when out of range or the key is absent. */
  lset(
    key: string,
    index: number,
    element: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<'OK'> {
    return this.command(['LSET', key, index, element], options) as Promise<'OK'>;
  }
  /** LRANGE: the elements from `start` to `stop` inclusive (negative from the tail). */
  lrange(key: string, start: number, stop: number, options?: CommandOptions): Promise<string[]> {
    return this.command(['LRANGE', key, start, stop], options) as Promise<string[]>;
  }
  lrangeBuffer(
    key: string,
    start: number,
    stop: number,
    options?: CommandOptions,
  ): Promise<Buffer[]> {
    return this.commandBuffer(['LRANGE', key, start, stop], options) as Promise<Buffer[]>;
  }
  /** LTRIM: keeps only `start` to `stop` inclusive; the key goes when nothing is kept. */
  ltrim(key: string, start: number, stop: number, options?: CommandOptions): Promise<'OK'> {
    return this.command(['LTRIM', key, start, stop], options) as Promise<'OK'>;
  }
  /**
   * LREM: removes elements equal to `element`: the first `count` when
   * positive, the last -count when negative, all when 0; resolves how many.
   */
  lrem(
    key: string,
    count: number,
    element: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['LREM', key, count, element], options) as Promise<number>;
  }
  /** LINSERT: inserts before or after the first `pivot`; resolves the length, -1 without a pivot, 0 without a list. */
  linsert(
    key: string,
    where: 'BEFORE' | 'AFTER',
    pivot: string | Buffer | number,
    element: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['LINSERT', key, where, pivot, element], options) as Promise<number>;
  }
  /** LPOS: the index of a match (the RANK-th), or null. */
  lpos(
    key: string,
    element: string | Buffer | number,
    options?: LposOptions,
  ): Promise<number | null> {
    return this.command(lposArgs(key, element, undefined, options), options) as Promise<
      number | null
    >;
  }
  /** LPOS COUNT: the indexes of up to `count` matches (0: all). */
  lposCount(
    key: string,
    element: string | Buffer | number,
    count: number,
    options?: LposOptions,
  ): Promise<number[]> {
    return this.command(lposArgs(key, element, count, options), options) as Promise<number[]>;
  }
  /**
   * LMOVE: pops from one end of `source` and pushes at one end of
   * `destination` (the same list rotates); resolves the element, or null
   * when `source` is absent.
   */
  lmove(
    source: string,
    destination: string,
    from: 'LEFT' | 'RIGHT',
    to: 'LEFT' | 'RIGHT',
    options?: CommandOptions,
  ): Promise<string | null> {
    return this.command(['LMOVE', source, destination, from, to], options) as Promise<
      string | null
    >;
  }
  /** RPOPLPUSH: LMOVE source destination RIGHT LEFT, its older name. */
  rpoplpush(source: string, destination: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['RPOPLPUSH', source, destination], options) as Promise<string | null>;
  }
  /**
   * LMPOP (Redis 7): up to `COUNT` elements (default 1) from one end of the
   * first non-empty list among `keys`; resolves [key, elements], or null.
   */
  lmpop(
    keys: string | readonly string[],
    side: 'LEFT' | 'RIGHT',
    options?: CommandOptions & { readonly COUNT?: number },
  ): Promise<[key: string, elements: string[]] | null> {
    const list = keyList(keys);
    const args: CommandArg[] = ['LMPOP', list.length, ...list, side];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    return this.command(args, options) as Promise<[string, string[]] | null>;
  }
  /** SADD: adds members to the set at `key` (created when absent); resolves how many were new. */
  sadd(key: string, members: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['SADD', key, ...memberArgs(members)], options) as Promise<number>;
  }
  /** SREM: removes members; resolves how many were there. The key goes with its last member. */
  srem(key: string, members: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['SREM', key, ...memberArgs(members)], options) as Promise<number>;
  }
  /**
   * SMEMBERS: every member, as an array in either protocol (RESP3 sends a
   * set): a set of integers in ascending order, otherwise in no set order.
   */
  async smembers(key: string, options?: CommandOptions): Promise<string[]> {
    return listOf<string>(await this.command(['SMEMBERS', key], options));
  }
  async smembersBuffer(key: string, options?: CommandOptions): Promise<Buffer[]> {
    return listOf<Buffer>(await this.commandBuffer(['SMEMBERS', key], options));
  }
  /** SISMEMBER: 1 when `member` is in the set, else 0. */
  sismember(
    key: string,
    member: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['SISMEMBER', key, member], options) as Promise<number>;
  }
  /** SMISMEMBER: 1 or 0 for each of `members`, in that order. */
  smismember(
    key: string,
    members: readonly (string | Buffer | number)[],
    options?: CommandOptions,
  ): Promise<number[]> {
    return this.command(['SMISMEMBER', key, ...members], options) as Promise<number[]>;
  }
  /** SCARD: how many members (0 for an absent key). */
  scard(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['SCARD', key], options) as Promise<number>;
  }
  /** SMOVE: moves `member` from one set to another; resolves 1 when the source had it, else 0. */
  smove(
    source: string,
    destination: string,
    member: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['SMOVE', source, destination, member], options) as Promise<number>;
  }
  /** SPOP: removes and resolves one random member, or null for an absent key. */
  spop(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['SPOP', key], options) as Promise<string | null>;
  }
  /** SPOP with a count: removes and resolves up to `count` distinct random members. */
  async spopCount(key: string, count: number, options?: CommandOptions): Promise<string[]> {
    return listOf<string>(await this.command(['SPOP', key, count], options));
  }
  /** SRANDMEMBER: one random member, or null for an absent key. */
  srandmember(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['SRANDMEMBER', key], options) as Promise<string | null>;
  }
  /**
   * SRANDMEMBER with a count: that many distinct members (at most the whole
   * set) when `count` is positive; when negative, -count members drawn
   * independently, which may repeat.
   */
  srandmemberCount(key: string, count: number, options?: CommandOptions): Promise<string[]> {
    return this.command(['SRANDMEMBER', key, count], options) as Promise<string[]>;
  }
  /** SINTER: the members every set at `keys` has (none when a key is absent). */
  async sinter(keys: string | readonly string[], options?: CommandOptions): Promise<string[]> {
    return listOf<string>(await this.command(['SINTER', ...keyList(keys)], options));
  }
  /** SINTERCARD (Redis 7): how many members every set has, counting up to `LIMIT` when given. */
  sintercard(keys: string | readonly string[], options?: SintercardOptions): Promise<number> {
    const list = keyList(keys);
    const args: CommandArg[] = ['SINTERCARD', list.length, ...list];
    if (options?.LIMIT !== undefined) args.push('LIMIT', options.LIMIT);
    return this.command(args, options) as Promise<number>;
  }
  /** SINTERSTORE: stores the intersection at `destination` (deleted when empty); resolves its size. */
  sinterstore(
    destination: string,
    keys: string | readonly string[],
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['SINTERSTORE', destination, ...keyList(keys)], options) as Promise<number>;
  }
  /** SUNION: the members of any of the sets at `keys`. */
  async sunion(keys: string | readonly string[], options?: CommandOptions): Promise<string[]> {
    return listOf<string>(await this.command(['SUNION', ...keyList(keys)], options));
  }
  /** SUNIONSTORE: stores the union at `destination` (deleted when empty); resolves its size. */
  sunionstore(
    destination: string,
    keys: string | readonly string[],
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['SUNIONSTORE', destination, ...keyList(keys)], options) as Promise<number>;
  }
  /** SDIFF: the first set's members that no other set at `keys` has. */
  async sdiff(keys: string | readonly string[], options?: CommandOptions): Promise<string[]> {
    return listOf<string>(await this.command(['SDIFF', ...keyList(keys)], options));
  }
  /** SDIFFSTORE: stores the difference at `destination` (deleted when empty); resolves its size. */
  sdiffstore(
    destination: string,
    keys: string | readonly string[],
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['SDIFFSTORE', destination, ...keyList(keys)], options) as Promise<number>;
  }
  /** SSCAN: one batch; resolves [next cursor, members], the cursor '0' when done. */
  sscan(
    key: string,
    cursor: string | number,
    options?: SscanOptions,
  ): Promise<[cursor: string, members: string[]]> {
    return this.command(memberScanArgs('SSCAN', key, cursor, options), options) as Promise<
      [string, string[]]
    >;
  }
  /**
   * Every member of the set at `key`, through SSCAN a batch at a time
   * (`for await (const member of client.sscanIterator(key))`). A member
   * present for the whole iteration comes at least once. Breaking out of
   * the loop stops it.
   */
  async *sscanIterator(
    key: string,
    options?: SscanOptions,
  ): AsyncGenerator<string, void, undefined> {
    let cursor = '0';
    do {
      const [next, members] = await this.sscan(key, cursor, options);
      yield* members;
      cursor = next;
    } while (cursor !== '0');
  }
  /**
   * ZADD: adds members with their scores to the sorted set at `key`
   * (created when absent), or moves existing ones; resolves how many were
   * added (with `CH`, added or changed). `members`: `{ score, member }`,
   * an array of them, or a Map or object from member to score. Scores
   * are numbers (the infinities included) or Redis's text.
   */
  async zadd(key: string, members: ScoredMembers, options?: ZaddOptions): Promise<number> {
    // async: no members rejects the promise (a RangeError) rather than throwing.
    return (await this.command(zaddArgs(key, members, options), options)) as number;
  }
  /**
   * ZADD INCR: adds `increment` to `member`'s score (a new member starts
   * at 0); resolves the new score, or null when a flag (`NX`, `XX`, `GT`,
   * `LT`) kept it from changing.
   */
  async zaddIncr(
    key: string,
    increment: Score,
    member: string | Buffer | number,
    options?: ZaddOptions,
  ): Promise<number | null> {
    const args = zaddArgs(key, { score: increment, member }, options);
    args.splice(2, 0, 'INCR');
    return scoreOf(await this.command(args, options));
  }
  /** ZINCRBY: adds `increment` to `member`'s score (a new member starts at 0); resolves the new score. */
  async zincrby(
    key: string,
    increment: Score,
    member: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number> {
    return scoreOf(await this.command(['ZINCRBY', key, scoreArg(increment), member], options))!;
  }
  /** ZREM: removes members; resolves how many were there. The key goes with its last member. */
  zrem(key: string, members: SetMembers, options?: CommandOptions): Promise<number> {
    return this.command(['ZREM', key, ...memberArgs(members)], options) as Promise<number>;
  }
  /** ZSCORE: `member`'s score, or null. */
  async zscore(
    key: string,
    member: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number | null> {
    return scoreOf(await this.command(['ZSCORE', key, member], options));
  }
  /** ZMSCORE: the score of each of `members` (null for one that is not a member), in order. */
  async zmscore(
    key: string,
    members: readonly (string | Buffer | number)[],
    options?: CommandOptions,
  ): Promise<(number | null)[]> {
    const reply = (await this.command(['ZMSCORE', key, ...members], options)) as Reply[];
    return reply.map(scoreOf);
  }
  /** ZCARD: how many members (0 for an absent key). */
  zcard(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['ZCARD', key], options) as Promise<number>;
  }
  /** ZCOUNT: how many scores are between `min` and `max` (`'(1'` for an open bound). */
  zcount(key: string, min: Score, max: Score, options?: CommandOptions): Promise<number> {
    return this.command(['ZCOUNT', key, scoreArg(min), scoreArg(max)], options) as Promise<number>;
  }
  /** ZLEXCOUNT: how many members are between `min` and `max` by their bytes (`'[a'`, `'(a'`, `'-'`, `'+'`). */
  zlexcount(key: string, min: string, max: string, options?: CommandOptions): Promise<number> {
    return this.command(['ZLEXCOUNT', key, min, max], options) as Promise<number>;
  }
  /** ZRANK: `member`'s 0-based rank, lowest score first; null when it is not a member. */
  zrank(
    key: string,
    member: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number | null> {
    return this.command(['ZRANK', key, member], options) as Promise<number | null>;
  }
  /** ZREVRANK: `member`'s 0-based rank, highest score first; null when it is not a member. */
  zrevrank(
    key: string,
    member: string | Buffer | number,
    options?: CommandOptions,
  ): Promise<number | null> {
    return this.command(['ZREVRANK', key, member], options) as Promise<number | null>;
  }
  /**
   * ZRANGE: the members in a range of ranks (`min`, `max`: 0-based,
   * negative from the end), of scores (`BY: 'SCORE'`) or of member bytes
   * (`BY: 'LEX'`), lowest first, or highest first with `REV`.
   */
  zrange(key: string, min: Score, max: Score, options?: ZrangeOptions): Promise<string[]> {
    return this.command(['ZRANGE', key, ...zrangeArgs(min, max, options)], options) as Promise<
      string[]
    >;
  }
  /** ZRANGE with WITHSCORES: the members and their scores (not with `BY: 'LEX'`, which Redis refuses). */
  async zrangeWithScores(
    key: string,
    min: Score,
    max: Score,
    options?: ZrangeOptions,
  ): Promise<ScoredMember[]> {
    const args = ['ZRANGE', key, ...zrangeArgs(min, max, options), 'WITHSCORES'];
    return scoredMembersOf(await this.command(args, options));
  }
  /** ZRANGESTORE: stores ZRANGE's range of `source` at `destination` (deleted when empty); resolves its size. */
  zrangestore(
    destination: string,
    source: string,
    min: Score,
    max: Score,
    options?: ZrangeOptions,
  ): Promise<number> {
    const args = ['ZRANGESTORE', destination, source, ...zrangeArgs(min, max, options)];
    return this.command(args, options) as Promise<number>;
  }
  /** ZREVRANGE: the members ranked `start` to `stop` from the highest score (ZRANGE with `REV`). */
  zrevrange(key: string, start: number, stop: number, options?: CommandOptions): Promise<string[]> {
    return this.command(['ZREVRANGE', key, start, stop], options) as Promise<string[]>;
  }
  /** ZRANGEBYSCORE: the members with a score between `min` and `max`, lowest first. */
  zrangebyscore(
    key: string,
    min: Score,
    max: Score,
    options?: ZrangeLimitOptions,
  ): Promise<string[]> {
    const args = ['ZRANGEBYSCORE', key, scoreArg(min), scoreArg(max), ...limitArgs(options)];
    return this.command(args, options) as Promise<string[]>;
  }
  /** ZREVRANGEBYSCORE: the members with a score between `max` and `min`, highest first. */
  zrevrangebyscore(
    key: string,
    max: Score,
    min: Score,
    options?: ZrangeLimitOptions,
  ): Promise<string[]> {
    const args = ['ZREVRANGEBYSCORE', key, scoreArg(max), scoreArg(min), ...limitArgs(options)];
    return this.command(args, options) as Promise<string[]>;
  }
  /** ZRANGEBYLEX: the members between `min` and `max` by their bytes, lowest first. */
  zrangebylex(
    key: string,
    min: string,
    max: string,
    options?: ZrangeLimitOptions,
  ): Promise<string[]> {
    return this.command(['ZRANGEBYLEX', key, min, max, ...limitArgs(options)], options) as Promise<
      string[]
    >;
  }
  /** ZREVRANGEBYLEX: the members between `max` and `min` by their bytes, highest first. */
  zrevrangebylex(
    key: string,
    max: string,
    min: string,
    options?: ZrangeLimitOptions,
  ): Promise<string[]> {
    const args = ['ZREVRANGEBYLEX', key, max, min, ...limitArgs(options)];
    return this.command(args, options) as Promise<string[]>;
  }
  /** ZREMRANGEBYRANK: removes the members ranked `start` to `stop`; resolves how many went. */
  zremrangebyrank(
    key: string,
    start: number,
    stop: number,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['ZREMRANGEBYRANK', key, start, stop], options) as Promise<number>;
  }
  /** ZREMRANGEBYSCORE: removes the members with a score between `min` and `max`; resolves how many went. */
  zremrangebyscore(key: string, min: Score, max: Score, options?: CommandOptions): Promise<number> {
    const args = ['ZREMRANGEBYSCORE', key, scoreArg(min), scoreArg(max)];
    return this.command(args, options) as Promise<number>;
  }
  /** ZREMRANGEBYLEX: removes the members between `min` and `max` by their bytes; resolves how many went. */
  zremrangebylex(key: string, min: string, max: string, options?: CommandOptions): Promise<number> {
    return this.command(['ZREMRANGEBYLEX', key, min, max], options) as Promise<number>;
  }
  /** ZPOPMIN: removes and resolves the member with the lowest score, or null when the key is absent. */
  async zpopmin(key: string, options?: CommandOptions): Promise<ScoredMember | null> {
    return scoredMembersOf(await this.command(['ZPOPMIN', key], options))[0] ?? null;
  }
  /** ZPOPMIN with a count: removes and resolves up to `count` members, lowest score first. */
  async zpopminCount(
    key: string,
    count: number,
    options?: CommandOptions,
  ): Promise<ScoredMember[]> {
    return scoredMembersOf(await this.command(['ZPOPMIN', key, count], options));
  }
  /** ZPOPMAX: removes and resolves the member with the highest score, or null when the key is absent. */
  async zpopmax(key: string, options?: CommandOptions): Promise<ScoredMember | null> {
    return scoredMembersOf(await this.command(['ZPOPMAX', key], options))[0] ?? null;
  }
  /** ZPOPMAX with a count: removes and resolves up to `count` members, highest score first. */
  async zpopmaxCount(
    key: string,
    count: number,
    options?: CommandOptions,
  ): Promise<ScoredMember[]> {
    return scoredMembersOf(await this.command(['ZPOPMAX', key, count], options));
  }
  /**
   * ZMPOP (Redis 7): up to `COUNT` members (default 1) with the lowest
   * (`MIN`) or highest (`MAX`) scores from the first non-empty sorted set
   * among `keys`; resolves [key, members], or null.
   */
  async zmpop(
    keys: string | readonly string[],
    end: 'MIN' | 'MAX',
    options?: CommandOptions & { readonly COUNT?: number },
  ): Promise<[key: string, members: ScoredMember[]] | null> {
    const list = keyList(keys);
    const args: CommandArg[] = ['ZMPOP', list.length, ...list, end];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    return keyedScoredOf(await this.command(args, options));
  }
  /** ZRANDMEMBER: one random member, or null for an absent key. */
  zrandmember(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['ZRANDMEMBER', key], options) as Promise<string | null>;
  }
  /**
   * ZRANDMEMBER with a count: that many distinct members (at most the
   * whole set) when `count` is positive; when negative, -count members
   * drawn independently, which may repeat.
   */
  zrandmemberCount(key: string, count: number, options?: CommandOptions): Promise<string[]> {
    return this.command(['ZRANDMEMBER', key, count], options) as Promise<string[]>;
  }
  /** ZRANDMEMBER with a count and WITHSCORES: as `zrandmemberCount`, with each member's score. */
  async zrandmemberWithScores(
    key: string,
    count: number,
    options?: CommandOptions,
  ): Promise<ScoredMember[]> {
    return scoredMembersOf(await this.command(['ZRANDMEMBER', key, count, 'WITHSCORES'], options));
  }
  /** ZUNION: the members of any of the sets at `keys` (plain sets score 1), scores combined, in score order. */
  zunion(keys: string | readonly string[], options?: ZcombineOptions): Promise<string[]> {
    return this.command(['ZUNION', ...combineArgs(keys, options)], options) as Promise<string[]>;
  }
  /** ZUNION with WITHSCORES. */
  async zunionWithScores(
    keys: string | readonly string[],
    options?: ZcombineOptions,
  ): Promise<ScoredMember[]> {
    const args = ['ZUNION', ...combineArgs(keys, options), 'WITHSCORES'];
    return scoredMembersOf(await this.command(args, options));
  }
  /** ZUNIONSTORE: stores ZUNION's result at `destination` (deleted when empty); resolves its size. */
  zunionstore(
    destination: string,
    keys: string | readonly string[],
    options?: ZcombineOptions,
  ): Promise<number> {
    const args = ['ZUNIONSTORE', destination, ...combineArgs(keys, options)];
    return this.command(args, options) as Promise<number>;
  }
  /** ZINTER: the members every set at `keys` has (plain sets score 1), scores combined, in score order. */
  zinter(keys: string | readonly string[], options?: ZcombineOptions): Promise<string[]> {
    return this.command(['ZINTER', ...combineArgs(keys, options)], options) as Promise<string[]>;
  }
  /** ZINTER with WITHSCORES. */
  async zinterWithScores(
    keys: string | readonly string[],
    options?: ZcombineOptions,
  ): Promise<ScoredMember[]> {
    const args = ['ZINTER', ...combineArgs(keys, options), 'WITHSCORES'];
    return scoredMembersOf(await this.command(args, options));
  }
  /** ZINTERSTORE: stores ZINTER's result at `destination` (deleted when empty); resolves its size. */
  zinterstore(
    destination: string,
    keys: string | readonly string[],
    options?: ZcombineOptions,
  ): Promise<number> {
    const args = ['ZINTERSTORE', destination, ...combineArgs(keys, options)];
    return this.command(args, options) as Promise<number>;
  }
  /** ZINTERCARD (Redis 7): how many members every set has, counting up to `LIMIT` when given. */
  zintercard(keys: string | readonly string[], options?: ZintercardOptions): Promise<number> {
    const args = ['ZINTERCARD', ...combineArgs(keys)];
    if (options?.LIMIT !== undefined) args.push('LIMIT', options.LIMIT);
    return this.command(args, options) as Promise<number>;
  }
  /** ZDIFF: the first set's members that no other set at `keys` has, with the first set's scores. */
  zdiff(keys: string | readonly string[], options?: CommandOptions): Promise<string[]> {
    return this.command(['ZDIFF', ...combineArgs(keys)], options) as Promise<string[]>;
  }
  /** ZDIFF with WITHSCORES. */
  async zdiffWithScores(
    keys: string | readonly string[],
    options?: CommandOptions,
  ): Promise<ScoredMember[]> {
    return scoredMembersOf(
      await this.command(['ZDIFF', ...combineArgs(keys), 'WITHSCORES'], options),
    );
  }
  /** ZDIFFSTORE: stores ZDIFF's result at `destination` (deleted when empty); resolves its size. */
  zdiffstore(
    destination: string,
    keys: string | readonly string[],
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(
      ['ZDIFFSTORE', destination, ...combineArgs(keys)],
      options,
    ) as Promise<number>;
  }
  /** ZSCAN: one batch; resolves [next cursor, members with scores], the cursor '0' when done. */
  async zscan(
    key: string,
    cursor: string | number,
    options?: ZscanOptions,
  ): Promise<[cursor: string, members: ScoredMember[]]> {
    const [next, items] = (await this.command(
      memberScanArgs('ZSCAN', key, cursor, options),
      options,
    )) as [string, Reply];
    return [next, scoredMembersOf(items)];
  }
  /**
   * Every member of the sorted set at `key` with its score, through ZSCAN
   * a batch at a time (`for await (const { member, score } of
   * client.zscanIterator(key))`). A member present for the whole
   * iteration comes at least once. Breaking out of the loop stops it.
   */
  async *zscanIterator(
    key: string,
    options?: ZscanOptions,
  ): AsyncGenerator<ScoredMember, void, undefined> {
    let cursor = '0';
    do {
      const [next, members] = await this.zscan(key, cursor, options);
      yield* members;
      cursor = next;
    } while (cursor !== '0');
  }
  expire(key: string, seconds: number, options?: ExpireOptions): Promise<number> {
    return this.command(expireArgs('EXPIRE', key, seconds, options), options) as Promise<number>;
  }
  pexpire(key: string, milliseconds: number, options?: ExpireOptions): Promise<number> {
    return this.command(
      expireArgs('PEXPIRE', key, milliseconds, options),
      options,
    ) as Promise<number>;
  }
  /** EXPIREAT: expires at a unix time in seconds. */
  expireat(key: string, unixSeconds: number, options?: ExpireOptions): Promise<number> {
    return this.command(
      expireArgs('EXPIREAT', key, unixSeconds, options),
      options,
    ) as Promise<number>;
  }
  /** PEXPIREAT: expires at a unix time in milliseconds. */
  pexpireat(key: string, unixMilliseconds: number, options?: ExpireOptions): Promise<number> {
    return this.command(
      expireArgs('PEXPIREAT', key, unixMilliseconds, options),
      options,
    ) as Promise<number>;
  }
  /** EXPIRETIME: the unix time in seconds the key expires at; -1 without expiry, -2 when missing. */
  expiretime(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['EXPIRETIME', key], options) as Promise<number>;
  }
  /** PEXPIRETIME: as `expiretime`, in milliseconds. */
  pexpiretime(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['PEXPIRETIME', key], options) as Promise<number>;
  }
  ttl(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['TTL', key], options) as Promise<number>;
  }
  pttl(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['PTTL', key], options) as Promise<number>;
  }
  persist(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['PERSIST', key], options) as Promise<number>;
  }

  /**
   * OBJECT ENCODING: how the server holds the key's value (`int`, `embstr`,
   * `raw` for strings; `listpack`, `hashtable`... for other types), or null
   * for a missing key.
   */
  objectEncoding(key: string, options?: CommandOptions): Promise<string | null> {
    return this.command(['OBJECT', 'ENCODING', key], options) as Promise<string | null>;
  }
  /** OBJECT REFCOUNT: references to the key's value (Redis's shared integers show 2147483647), or null. */
  objectRefcount(key: string, options?: CommandOptions): Promise<number | null> {
    return this.command(['OBJECT', 'REFCOUNT', key], options) as Promise<number | null>;
  }
  /**
   * OBJECT IDLETIME: seconds since a command last read or wrote the key, or
   * null for a missing key. Rejects (ReplyError) under an LFU maxmemory policy.
   */
  objectIdletime(key: string, options?: CommandOptions): Promise<number | null> {
    return this.command(['OBJECT', 'IDLETIME', key], options) as Promise<number | null>;
  }
  /**
   * OBJECT FREQ: the key's logarithmic access frequency, or null for a
   * missing key. Rejects (ReplyError) unless an LFU maxmemory policy is set.
   */
  objectFreq(key: string, options?: CommandOptions): Promise<number | null> {
    return this.command(['OBJECT', 'FREQ', key], options) as Promise<number | null>;
  }

  /**
   * MEMORY USAGE: the bytes the server spends on the key and its value,
   * its key's bookkeeping included, or null for a missing key. For a large
   * collection the server averages `samples` of its elements (Redis's
   * default is 5; 0 samples every one, slower and exact where the server
   * can be).
   */
  memoryUsage(
    key: string,
    usageOptions: { readonly samples?: number } = {},
    options?: CommandOptions,
  ): Promise<number | null> {
    const args: CommandArg[] = ['MEMORY', 'USAGE', key];
    if (usageOptions.samples !== undefined) args.push('SAMPLES', usageOptions.samples);
    return this.command(args, options) as Promise<number | null>;
  }
  /**
   * MEMORY STATS: the server's memory figures by name (`total.allocated`,
   * `peak.allocated`, `keys.count`, `dataset.percentage`...), as numbers;
   * each database holding keys (`db.0`) is a Map of its own table
   * overheads.
   */
  async memoryStats(options?: CommandOptions): Promise<Map<string, number | Map<string, number>>> {
    const stats = new Map<string, number | Map<string, number>>();
    for (const [name, value] of mapOf<Reply>(await this.command(['MEMORY', 'STATS'], options))) {
      if (Array.isArray(value) || value instanceof Map) {
        const database = new Map<string, number>();
        for (const [field, bytes] of mapOf<Reply>(value)) database.set(field, Number(bytes));
        stats.set(name, database);
      } else {
        // RESP2 sends the ratios as text.
        stats.set(name, Number(value));
      }
    }
    return stats;
  }
  /** MEMORY DOCTOR: the server's report on its memory, in words. */
  memoryDoctor(options?: CommandOptions): Promise<string> {
    return this.command(['MEMORY', 'DOCTOR'], options) as Promise<string>;
  }
  /** MEMORY MALLOC-STATS: the memory allocator's own report, as text (jemalloc's, on redis-server). */
  memoryMallocStats(options?: CommandOptions): Promise<string> {
    return this.command(['MEMORY', 'MALLOC-STATS'], options) as Promise<string>;
  }
  /** MEMORY PURGE: asks the allocator to give pages it holds unused back to the system. */
  memoryPurge(options?: CommandOptions): Promise<'OK'> {
    return this.command(['MEMORY', 'PURGE'], options) as Promise<'OK'>;
  }

  // Lua scripting. `Script` (script.ts) is the usual way: it sends
  // EVALSHA, and the source only when the server has not cached it.

  /**
   * EVAL: runs the Lua `script` with `keys` (KEYS) and `args` (ARGV) and
   * gives what it returns (a Lua table as an array; a number truncated to
   * an integer). Rejects (ReplyError) with the script's error.
   */
  eval(
    script: string,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.command(['EVAL', script, keys.length, ...keys, ...args], options);
  }
  /** EVAL_RO: as `eval`, but the server refuses any write the script attempts. */
  evalRo(
    script: string,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.command(['EVAL_RO', script, keys.length, ...keys, ...args], options);
  }
  /**
   * EVALSHA: runs the cached script with this SHA1, as `eval`. Rejects
   * with a NOSCRIPT ReplyError when the server does not have it.
   */
  evalsha(
    sha1: string,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.command(['EVALSHA', sha1, keys.length, ...keys, ...args], options);
  }
  /** EVALSHA_RO: as `evalsha`, read-only. */
  evalshaRo(
    sha1: string,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.command(['EVALSHA_RO', sha1, keys.length, ...keys, ...args], options);
  }
  /** SCRIPT LOAD: caches `script` without running it; gives its SHA1. Rejects when it does not compile. */
  scriptLoad(script: string, options?: CommandOptions): Promise<string> {
    return this.command(['SCRIPT', 'LOAD', script], options) as Promise<string>;
  }
  /** SCRIPT EXISTS: whether each SHA1 is cached, in order. */
  async scriptExists(sha1s: readonly string[], options?: CommandOptions): Promise<boolean[]> {
    const found = (await this.command(['SCRIPT', 'EXISTS', ...sha1s], options)) as number[];
    return found.map((flag) => flag === 1);
  }
  /** SCRIPT FLUSH: empties the script cache (`mode` ASYNC or SYNC; the server's default otherwise). */
  scriptFlush(mode?: 'ASYNC' | 'SYNC', options?: CommandOptions): Promise<'OK'> {
    return this.command(
      mode === undefined ? ['SCRIPT', 'FLUSH'] : ['SCRIPT', 'FLUSH', mode],
      options,
    ) as Promise<'OK'>;
  }
  /**
   * SCRIPT KILL: stops the script running on the server, if it has not
   * written yet. Send it on another connection than the one waiting for
   * the script (a pool's lease, or another client): this one's replies
   * wait behind the script's. Rejects with NOTBUSY when none runs.
   */
  scriptKill(options?: CommandOptions): Promise<'OK'> {
    return this.command(['SCRIPT', 'KILL'], options) as Promise<'OK'>;
  }

  // Functions (Redis 7): libraries of Lua functions kept by the server.

  /**
   * FUNCTION LOAD: loads a library (`code` starts with `#!lua name=<library>`
   * and registers its functions with `redis.register_function`); gives the
   * library's name. `replace` replaces a library of the same name.
   * Rejects (ReplyError) when the code does not load: bad metadata, a
   * compile or registration error, a library or function name in use.
   */
  functionLoad(
    code: string,
    loadOptions: { readonly replace?: boolean } = {},
    options?: CommandOptions,
  ): Promise<string> {
    return this.command(
      loadOptions.replace === true
        ? ['FUNCTION', 'LOAD', 'REPLACE', code]
        : ['FUNCTION', 'LOAD', code],
      options,
    ) as Promise<string>;
  }
  /**
   * FCALL: calls the function `name` with `keys` and `args` (its two
   * parameters) and gives what it returns, as `eval` does. Rejects
   * (ReplyError) with the function's error, or "Function not found".
   */
  fcall(
    name: string,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.command(['FCALL', name, keys.length, ...keys, ...args], options);
  }
  /** FCALL_RO: as `fcall`, for a function registered with the `no-writes` flag (others are refused). */
  fcallRo(
    name: string,
    keys: readonly CommandArg[] = [],
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.command(['FCALL_RO', name, keys.length, ...keys, ...args], options);
  }
  /**
   * FUNCTION LIST: the libraries (those whose names match the glob
   * `libraryName`, in any case, when given), with their functions, and
   * their code when `withCode`.
   */
  async functionList(
    listOptions: { readonly libraryName?: string; readonly withCode?: boolean } = {},
    options?: CommandOptions,
  ): Promise<FunctionLibrary[]> {
    const args: CommandArg[] = ['FUNCTION', 'LIST'];
    if (listOptions.libraryName !== undefined) args.push('LIBRARYNAME', listOptions.libraryName);
    if (listOptions.withCode === true) args.push('WITHCODE');
    return ((await this.command(args, options)) as Reply[]).map(functionLibraryOf);
  }
  /** FUNCTION DELETE: drops a library and its functions. Rejects (ReplyError) when there is none. */
  functionDelete(library: string, options?: CommandOptions): Promise<'OK'> {
    return this.command(['FUNCTION', 'DELETE', library], options) as Promise<'OK'>;
  }
  /** FUNCTION FLUSH: drops every library (`mode` ASYNC or SYNC; the server's default otherwise). */
  functionFlush(mode?: 'ASYNC' | 'SYNC', options?: CommandOptions): Promise<'OK'> {
    return this.command(
      mode === undefined ? ['FUNCTION', 'FLUSH'] : ['FUNCTION', 'FLUSH', mode],
      options,
    ) as Promise<'OK'>;
  }
  /** FUNCTION STATS: the function running (if any) and each engine's counts. */
  async functionStats(options?: CommandOptions): Promise<FunctionStats> {
    const fields = mapOf<Reply>(await this.command(['FUNCTION', 'STATS'], options));
    const running = fields.get('running_script');
    const engines: Record<string, { librariesCount: number; functionsCount: number }> = {};
    for (const [engine, counts] of mapOf<Reply>(fields.get('engines') ?? [])) {
      const numbers = mapOf<number>(counts);
      engines[engine] = {
        librariesCount: numbers.get('libraries_count') ?? 0,
        functionsCount: numbers.get('functions_count') ?? 0,
      };
    }
    if (running === null || running === undefined) return { runningScript: null, engines };
    const script = mapOf<Reply>(running);
    return {
      runningScript: {
        name: String(script.get('name')),
        command: listOf<string>(script.get('command') ?? []),
        durationMs: Number(script.get('duration_ms')),
      },
      engines,
    };
  }
  /**
   * FUNCTION KILL: stops the function running on the server, if it has not
   * written yet (send it on another connection, as `scriptKill`). Rejects
   * with NOTBUSY when none runs.
   */
  functionKill(options?: CommandOptions): Promise<'OK'> {
    return this.command(['FUNCTION', 'KILL'], options) as Promise<'OK'>;
  }
  /** FUNCTION DUMP: every library as one payload, for `functionRestore` here or on another server. */
  functionDump(options?: CommandOptions): Promise<Buffer> {
    return this.commandBuffer(['FUNCTION', 'DUMP'], options) as Promise<Buffer>;
  }
  /**
   * FUNCTION RESTORE: loads the libraries in a `functionDump` payload.
   * `policy`: APPEND (the default) fails on a library that exists, REPLACE
   * replaces it, FLUSH drops every library first. All or nothing; rejects
   * (ReplyError) for a payload that does not read or does not load.
   */
  functionRestore(
    payload: Buffer,
    policy?: 'APPEND' | 'REPLACE' | 'FLUSH',
    options?: CommandOptions,
  ): Promise<'OK'> {
    return this.command(
      policy === undefined
        ? ['FUNCTION', 'RESTORE', payload]
        : ['FUNCTION', 'RESTORE', payload, policy],
      options,
    ) as Promise<'OK'>;
  }

  // Modules.

  /** MODULE LIST: the modules the server has loaded (none on @mini-redis/server). */
  async moduleList(options?: CommandOptions): Promise<{ name: string; version: number }[]> {
    const modules = (await this.command(['MODULE', 'LIST'], options)) as Reply[];
    return modules.map((module) => {
      const fields = mapOf<Reply>(module);
      return { name: String(fields.get('name')), version: Number(fields.get('ver')) };
    });
  }
  /**
   * MODULE LOAD: loads the module at `path` on the server, with `args`.
   * Rejects (ReplyError) when the server refuses (Redis's default
   * enable-module-command no, and always on @mini-redis/server).
   */
  moduleLoad(
    path: string,
    args: readonly CommandArg[] = [],
    options?: CommandOptions,
  ): Promise<'OK'> {
    return this.command(['MODULE', 'LOAD', path, ...args], options) as Promise<'OK'>;
  }
  /**
   * MODULE LOADEX: as `moduleLoad`, with module configurations
   * (`configs`: name, value) and arguments.
   */
  moduleLoadex(
    path: string,
    loadOptions: {
      readonly configs?: Readonly<Record<string, CommandArg>>;
      readonly args?: readonly CommandArg[];
    } = {},
    options?: CommandOptions,
  ): Promise<'OK'> {
    const command: CommandArg[] = ['MODULE', 'LOADEX', path];
    for (const [name, value] of Object.entries(loadOptions.configs ?? {}))
      command.push('CONFIG', name, value);
    if (loadOptions.args !== undefined) command.push('ARGS', ...loadOptions.args);
    return this.command(command, options) as Promise<'OK'>;
  }
  /** MODULE UNLOAD: unloads the module `name`. Rejects (ReplyError) as `moduleLoad` does. */
  moduleUnload(name: string, options?: CommandOptions): Promise<'OK'> {
    return this.command(['MODULE', 'UNLOAD', name], options) as Promise<'OK'>;
  }

  // Pub/sub (subscribing needs a connection of its own: see `Subscriber`)
  publish(channel: string, message: string | Buffer, options?: CommandOptions): Promise<number> {
    return this.command(['PUBLISH', channel, message], options) as Promise<number>;
  }
  /**
   * PUBSUB CHANNELS: the channels with at least one subscriber (patterns'
   * subscribers do not count), those matching the glob `pattern` if given.
   */
  pubsubChannels(pattern?: string, options?: CommandOptions): Promise<string[]> {
    return this.command(
      pattern === undefined ? ['PUBSUB', 'CHANNELS'] : ['PUBSUB', 'CHANNELS', pattern],
      options,
    ) as Promise<string[]>;
  }
  /**
   * PUBSUB NUMSUB: each channel's subscribers (patterns' do not count), in
   * the order asked. A Map whatever the protocol: RESP3 sends a map, RESP2
   * (a server without HELLO) a flat array.
   */
  async pubsubNumsub(
    channels: string | readonly string[],
    options?: CommandOptions,
  ): Promise<Map<string, number>> {
    const reply = await this.command(
      ['PUBSUB', 'NUMSUB', ...(typeof channels === 'string' ? [channels] : channels)],
      options,
    );
    return mapOf<number>(reply);
  }
  /** PUBSUB NUMPAT: the patterns subscribed to, by every connection together. */
  pubsubNumpat(options?: CommandOptions): Promise<number> {
    return this.command(['PUBSUB', 'NUMPAT'], options) as Promise<number>;
  }
  /**
   * SPUBLISH (Redis 7): a message to a shard channel's subscribers
   * (`createSubscriber`'s `ssubscribe`); resolves how many received it.
   */
  spublish(channel: string, message: string | Buffer, options?: CommandOptions): Promise<number> {
    return this.command(['SPUBLISH', channel, message], options) as Promise<number>;
  }
  /** PUBSUB SHARDCHANNELS: the shard channels with a subscriber, those matching `pattern` if given. */
  pubsubShardChannels(pattern?: string, options?: CommandOptions): Promise<string[]> {
    return this.command(
      pattern === undefined ? ['PUBSUB', 'SHARDCHANNELS'] : ['PUBSUB', 'SHARDCHANNELS', pattern],
      options,
    ) as Promise<string[]>;
  }
  /** PUBSUB SHARDNUMSUB: each shard channel's subscribers, in the order asked, as a Map. */
  async pubsubShardNumsub(
    channels: string | readonly string[],
    options?: CommandOptions,
  ): Promise<Map<string, number>> {
    const reply = await this.command(
      ['PUBSUB', 'SHARDNUMSUB', ...(typeof channels === 'string' ? [channels] : channels)],
      options,
    );
    return mapOf<number>(reply);
  }

  // Connection introspection
  /**
   * CLIENT ID: the id of the connection this command went over (a client's
   * connection gets a new one after a reconnect; a pool's command may go
   * over any of its connections).
   */
  clientId(options?: CommandOptions): Promise<number> {
    return this.command(['CLIENT', 'ID'], options) as Promise<number>;
  }
  /** CLIENT GETNAME: the connection's name, or null. */
  clientGetname(options?: CommandOptions): Promise<string | null> {
    return this.command(['CLIENT', 'GETNAME'], options) as Promise<string | null>;
  }
  /**
   * CLIENT SETNAME, recorded as through `command()`: the name is set again
   * after a reconnect; an empty name clears it.
   *
   * @throws TypeError (as a rejection) on a pool's routed connections,
   *   where the change could not be restored: use the `name` option.
   */
  clientSetname(name: string, options?: CommandOptions): Promise<'OK'> {
    return this.command(['CLIENT', 'SETNAME', name], options) as Promise<'OK'>;
  }
  /** CLIENT INFO: the line CLIENT LIST has for this command's connection. */
  clientInfo(options?: CommandOptions): Promise<string> {
    return this.command(['CLIENT', 'INFO'], options) as Promise<string>;
  }
  /** CLIENT LIST: a line per connection (`TYPE` or `ID` to filter), as the server writes it. */
  clientList(options?: ClientListOptions): Promise<string> {
    return this.command(clientListArgs(options), options) as Promise<string>;
  }
  /**
   * CLIENT KILL with filters: closes every connection matching all of
   * them (not this command's own, unless `SKIPME: false`) and resolves how
   * many it closed. A client whose own connection is closed reconnects.
   *
   * @throws TypeError (as a rejection) when no filter is given.
   */
  clientKill(filters: ClientKillFilters, options?: CommandOptions): Promise<number> {
    let args: CommandArg[];
    try {
      args = clientKillArgs(filters);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.command(args, options) as Promise<number>;
  }
  /**
   * CLIENT PAUSE: the server holds every client's commands (`ALL`, the
   * default) or those that write (`WRITE`) for `timeout` ms, or until
   * CLIENT UNPAUSE. With `ALL` this client's own next commands wait too,
   * and so does its health check's PING: a `pingInterval` shorter than
   * half the pause drops the connection as silent.
   */
  clientPause(timeout: number, mode?: 'WRITE' | 'ALL', options?: CommandOptions): Promise<'OK'> {
    const args: CommandArg[] = ['CLIENT', 'PAUSE', timeout];
    if (mode !== undefined) args.push(mode);
    return this.command(args, options) as Promise<'OK'>;
  }
  /**
   * CLIENT NO-EVICT: whether this command's connection is spared when the
   * server evicts clients for memory (`maxmemory-clients`). Recorded as
   * through `command()`: the exemption is set again after a reconnect.
   *
   * @throws TypeError (as a rejection) on a pool's routed connections,
   *   where the change could not be restored: use the `noEvict` option.
   */
  clientNoEvict(on: boolean, options?: CommandOptions): Promise<'OK'> {
    return this.command(['CLIENT', 'NO-EVICT', on ? 'ON' : 'OFF'], options) as Promise<'OK'>;
  }
  /**
   * CLIENT GETREDIR: the id of the connection that gets this connection's
   * tracking invalidations; 0 when it gets them itself (the `cache`
   * option), -1 when tracking is off.
   */
  clientGetredir(options?: CommandOptions): Promise<number> {
    return this.command(['CLIENT', 'GETREDIR'], options) as Promise<number>;
  }
  /**
   * CLIENT TRACKINGINFO: this connection's tracking: its flags (`on` or
   * `off`, then `bcast`, `optin`, `optout`, `caching-yes`, `caching-no`,
   * `noloop`, `broken_redirect`), the redirection as CLIENT GETREDIR
   * says it, and BCAST's prefixes.
   */
  async clientTrackinginfo(options?: CommandOptions): Promise<TrackingInfo> {
    return trackingInfoOf(await this.command(['CLIENT', 'TRACKINGINFO'], options));
  }
  /**
   * WAIT: blocks this command's connection until `numReplicas` replicas
   * have acknowledged the writes made on it, or `timeout` ms pass (0: no
   * limit); resolves how many did. Everything sent behind it on the same
   * connection waits too, so on a shared client prefer a lease's; the
   * health check gives no verdict meanwhile (blocking.ts).
   */
  wait(numReplicas: number, timeout: number, options?: CommandOptions): Promise<number> {
    return this.command(['WAIT', numReplicas, timeout], options) as Promise<number>;
  }
  /**
   * BZPOPMIN: ZPOPMIN from the first of `keys` holding a sorted set,
   * waiting up to `timeout` seconds (0: for ever) for one when none does;
   * resolves [key, member], or null when the time ran out. The wait holds
   * this client's connection: give it a client of its own (`clone()`).
   */
  async bzpopmin(
    keys: string | readonly string[],
    timeout: number,
    options?: CommandOptions,
  ): Promise<[key: string, member: ScoredMember] | null> {
    return keyedMemberOf(await this.command(['BZPOPMIN', ...keyList(keys), timeout], options));
  }
  /** BZPOPMAX: as `bzpopmin`, from the highest scores. */
  async bzpopmax(
    keys: string | readonly string[],
    timeout: number,
    options?: CommandOptions,
  ): Promise<[key: string, member: ScoredMember] | null> {
    return keyedMemberOf(await this.command(['BZPOPMAX', ...keyList(keys), timeout], options));
  }
  /**
   * BZMPOP (Redis 7): ZMPOP, waiting up to `timeout` seconds (0: for
   * ever) for a sorted set at one of `keys`; resolves [key, members], or
   * null when the time ran out.
   */
  async bzmpop(
    timeout: number,
    keys: string | readonly string[],
    end: 'MIN' | 'MAX',
    options?: CommandOptions & { readonly COUNT?: number },
  ): Promise<[key: string, members: ScoredMember[]] | null> {
    const list = keyList(keys);
    const args: CommandArg[] = ['BZMPOP', timeout, list.length, ...list, end];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    return keyedScoredOf(await this.command(args, options));
  }
  /**
   * XADD: appends an entry to the stream at `key` (created unless
   * `NOMKSTREAM`) and resolves its ID; `id` is `'*'` for the server to
   * pick one, `'<ms>-*'` for the next of that millisecond, or an explicit
   * ID. Trims after with `MAXLEN`/`MINID`. Resolves null when NOMKSTREAM
   * found no stream.
   */
  xadd(
    key: string,
    id: string,
    fields: StreamFields,
    options?: XaddOptions & CommandOptions,
  ): Promise<string | null> {
    return this.command(xaddArgs(key, id, fields, options), options) as Promise<string | null>;
  }
  /** XLEN: the number of entries (0 for an absent key). */
  xlen(key: string, options?: CommandOptions): Promise<number> {
    return this.command(['XLEN', key], options) as Promise<number>;
  }
  /**
   * XRANGE: the entries from `start` to `end` (`'-'` and `'+'` for the
   * ends, `'(id'` to leave one out), at most `COUNT`.
   */
  async xrange(
    key: string,
    start = '-',
    end = '+',
    options?: { readonly COUNT?: number } & CommandOptions,
  ): Promise<StreamEntry[]> {
    const args: CommandArg[] = ['XRANGE', key, start, end];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    const reply = await this.command(args, options);
    return reply === null ? [] : entriesOf(reply);
  }
  /** XREVRANGE: XRANGE last to first; `end` comes first. */
  async xrevrange(
    key: string,
    end = '+',
    start = '-',
    options?: { readonly COUNT?: number } & CommandOptions,
  ): Promise<StreamEntry[]> {
    const args: CommandArg[] = ['XREVRANGE', key, end, start];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    const reply = await this.command(args, options);
    return reply === null ? [] : entriesOf(reply);
  }
  /** XDEL: deletes entries by ID; resolves how many existed. */
  xdel(key: string, ids: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(['XDEL', key, ...keyList(ids)], options) as Promise<number>;
  }
  /** XTRIM: trims to `MAXLEN` entries or from `MINID` on; resolves how many went. */
  xtrim(key: string, trim: StreamTrimOptions, options?: CommandOptions): Promise<number> {
    return this.command(['XTRIM', key, ...trimArgs(trim)], options) as Promise<number>;
  }
  /**
   * XREAD: entries after each stream's ID (`'$'`: only new ones), from
   * `{ key: id }` or [key, id] pairs; null when nothing came. With
   * `BLOCK` it waits on the server and holds this command's connection
   * meanwhile, as BLPOP does: on a shared client use a lease's.
   */
  async xread(
    streams: Readonly<Record<string, string>> | readonly (readonly [string, string])[],
    options?: XreadOptions & CommandOptions,
  ): Promise<StreamRead[] | null> {
    const reply = await this.command(
      ['XREAD', ...readArgs(options), ...streamsArgs(streams)],
      options,
    );
    return streamReadsOf<StreamEntry>(reply);
  }
  /**
   * XREADGROUP: XREAD as `consumer` of `group`: with `'>'`, entries the
   * group has not delivered yet (pending until XACK, unless `NOACK`);
   * with an ID, the consumer's own pending entries (fields null for ones
   * deleted since). BLOCK holds the connection as XREAD's does.
   */
  async xreadgroup(
    group: string,
    consumer: string,
    streams: Readonly<Record<string, string>> | readonly (readonly [string, string])[],
    options?: XreadOptions & { readonly NOACK?: boolean } & CommandOptions,
  ): Promise<StreamRead<StreamHistoryEntry>[] | null> {
    const args: CommandArg[] = ['XREADGROUP', 'GROUP', group, consumer, ...readArgs(options)];
    if (options?.NOACK === true) args.push('NOACK');
    const reply = await this.command([...args, ...streamsArgs(streams)], options);
    return streamReadsOf<StreamHistoryEntry>(reply);
  }
  /** XACK: acknowledges entries of `group`; resolves how many were pending. */
  xack(
    key: string,
    group: string,
    ids: string | readonly string[],
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(['XACK', key, group, ...keyList(ids)], options) as Promise<number>;
  }
  /** XPENDING: how many entries `group` has pending, the lowest and highest IDs, and per consumer. */
  async xpending(key: string, group: string, options?: CommandOptions): Promise<PendingSummary> {
    return pendingSummaryOf(await this.command(['XPENDING', key, group], options));
  }
  /**
   * XPENDING with a range: up to `count` pending entries of `group` from
   * `start` to `end`, only `consumer`'s with that option, only those idle
   * `IDLE` ms or more.
   */
  async xpendingRange(
    key: string,
    group: string,
    start: string,
    end: string,
    count: number,
    options?: { readonly IDLE?: number; readonly consumer?: string } & CommandOptions,
  ): Promise<PendingEntry[]> {
    const args: CommandArg[] = ['XPENDING', key, group];
    if (options?.IDLE !== undefined) args.push('IDLE', options.IDLE);
    args.push(start, end, count);
    if (options?.consumer !== undefined) args.push(options.consumer);
    return pendingEntriesOf(await this.command(args, options));
  }
  /** XCLAIM: gives pending entries idle at least `minIdle` ms to `consumer`; resolves them. */
  async xclaim(
    key: string,
    group: string,
    consumer: string,
    minIdle: number,
    ids: string | readonly string[],
    options?: XclaimOptions & CommandOptions,
  ): Promise<StreamEntry[]> {
    const args = ['XCLAIM', key, group, consumer, minIdle, ...keyList(ids), ...claimArgs(options)];
    return entriesOf(await this.command(args, options));
  }
  /** XCLAIM JUSTID: XCLAIM resolving the IDs claimed (delivery counts unchanged). */
  xclaimJustId(
    key: string,
    group: string,
    consumer: string,
    minIdle: number,
    ids: string | readonly string[],
    options?: XclaimOptions & CommandOptions,
  ): Promise<string[]> {
    const args = ['XCLAIM', key, group, consumer, minIdle, ...keyList(ids), ...claimArgs(options)];
    return this.command([...args, 'JUSTID'], options) as Promise<string[]>;
  }
  /**
   * XAUTOCLAIM: XCLAIM for `group`'s pending entries from `start` on, up
   * to `COUNT` (default 100); resolves where to start next time (`'0-0'`
   * when done), the entries claimed, and the IDs of deleted entries that
   * left the pending list.
   */
  async xautoclaim(
    key: string,
    group: string,
    consumer: string,
    minIdle: number,
    start: string,
    options?: { readonly COUNT?: number } & CommandOptions,
  ): Promise<{ next: string; entries: StreamEntry[]; deleted: string[] }> {
    const args: CommandArg[] = ['XAUTOCLAIM', key, group, consumer, minIdle, start];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    const [next, entries, deleted] = (await this.command(args, options)) as [Reply, Reply, Reply];
    return { next: String(next), entries: entriesOf(entries), deleted: deleted as string[] };
  }
  /** XSETID: sets the stream's last ID (and its counters, for restores). */
  xsetid(
    key: string,
    id: string,
    options?: { readonly ENTRIESADDED?: number; readonly MAXDELETEDID?: string } & CommandOptions,
  ): Promise<'OK'> {
    const args: CommandArg[] = ['XSETID', key, id];
    if (options?.ENTRIESADDED !== undefined) args.push('ENTRIESADDED', options.ENTRIESADDED);
    if (options?.MAXDELETEDID !== undefined) args.push('MAXDELETEDID', options.MAXDELETEDID);
    return this.command(args, options) as Promise<'OK'>;
  }
  /**
   * XGROUP CREATE: a consumer group that delivers entries after `id`
   * (`'$'`: only new ones); `MKSTREAM` creates a missing stream.
   * Rejects with BUSYGROUP when it exists.
   */
  xgroupCreate(
    key: string,
    group: string,
    id: string,
    options?: { readonly MKSTREAM?: boolean; readonly ENTRIESREAD?: number } & CommandOptions,
  ): Promise<'OK'> {
    const args: CommandArg[] = ['XGROUP', 'CREATE', key, group, id];
    if (options?.MKSTREAM === true) args.push('MKSTREAM');
    if (options?.ENTRIESREAD !== undefined) args.push('ENTRIESREAD', options.ENTRIESREAD);
    return this.command(args, options) as Promise<'OK'>;
  }
  /** XGROUP SETID: moves the group's last delivered ID. */
  xgroupSetid(
    key: string,
    group: string,
    id: string,
    options?: { readonly ENTRIESREAD?: number } & CommandOptions,
  ): Promise<'OK'> {
    const args: CommandArg[] = ['XGROUP', 'SETID', key, group, id];
    if (options?.ENTRIESREAD !== undefined) args.push('ENTRIESREAD', options.ENTRIESREAD);
    return this.command(args, options) as Promise<'OK'>;
  }
  /** XGROUP DESTROY: drops a group; resolves 1, or 0 when there was none. */
  xgroupDestroy(key: string, group: string, options?: CommandOptions): Promise<number> {
    return this.command(['XGROUP', 'DESTROY', key, group], options) as Promise<number>;
  }
  /** XGROUP CREATECONSUMER: resolves 1 when the consumer is new, else 0. */
  xgroupCreateconsumer(
    key: string,
    group: string,
    consumer: string,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(
      ['XGROUP', 'CREATECONSUMER', key, group, consumer],
      options,
    ) as Promise<number>;
  }
  /** XGROUP DELCONSUMER: removes a consumer; resolves how many entries it had pending. */
  xgroupDelconsumer(
    key: string,
    group: string,
    consumer: string,
    options?: CommandOptions,
  ): Promise<number> {
    return this.command(
      ['XGROUP', 'DELCONSUMER', key, group, consumer],
      options,
    ) as Promise<number>;
  }
  /**
   * XINFO STREAM: the stream's state under Redis's names (`length`,
   * `last-generated-id`, `first-entry`, ...); entries as `{ id, fields }`.
   */
  async xinfoStream(key: string, options?: CommandOptions): Promise<Record<string, unknown>> {
    const info: Record<string, unknown> = objectOf(
      await this.command(['XINFO', 'STREAM', key], options),
    );
    for (const name of ['first-entry', 'last-entry'])
      if (info[name] !== null && info[name] !== undefined)
        info[name] = entryOf(info[name] as Reply);
    return info;
  }
  /**
   * XINFO STREAM FULL: the stream's state under Redis's names, with its
   * entries (the first `COUNT`, default 10; 0 for all) as `{ id, fields }`
   * and its groups in full: each group's pending entries as `{ id,
   * consumer, deliveryTime, deliveries }` and its consumers, each with its
   * own pending entries as `{ id, deliveryTime, deliveries }` (times in
   * Unix milliseconds).
   */
  async xinfoStreamFull(
    key: string,
    options?: CommandOptions & { readonly COUNT?: number },
  ): Promise<Record<string, unknown>> {
    const args: CommandArg[] = ['XINFO', 'STREAM', key, 'FULL'];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    return streamInfoFullOf(await this.command(args, options));
  }
  /** XINFO GROUPS: each group's state under Redis's names (`name`, `pending`, `lag`, ...). */
  async xinfoGroups(key: string, options?: CommandOptions): Promise<Record<string, Reply>[]> {
    return ((await this.command(['XINFO', 'GROUPS', key], options)) as Reply[]).map(objectOf);
  }
  /** XINFO CONSUMERS: each consumer of `group` (`name`, `pending`, `idle`). */
  async xinfoConsumers(
    key: string,
    group: string,
    options?: CommandOptions,
  ): Promise<Record<string, Reply>[]> {
    return ((await this.command(['XINFO', 'CONSUMERS', key, group], options)) as Reply[]).map(
      objectOf,
    );
  }
  /**
   * SORT: the elements of the list, set or sorted set at `key`, as
   * numbers (or `ALPHA` as bytes), by themselves or `BY` other keys'
   * values, in a `LIMIT` window; with `GET`, the values those patterns
   * name per element (null where missing). Rejects when an element (or BY
   * value) is not a number without `ALPHA`.
   */
  sort(key: string, options?: SortOptions): Promise<(string | null)[]> {
    return this.command(['SORT', key, ...sortArgs(options)], options) as Promise<(string | null)[]>;
  }
  /** SORT_RO: SORT as a read-only command (for replicas and read-only ACLs). */
  sortRo(key: string, options?: SortOptions): Promise<(string | null)[]> {
    return this.command(['SORT_RO', key, ...sortArgs(options)], options) as Promise<
      (string | null)[]
    >;
  }
  /** SORT ... STORE: stores the result as a list at `destination` (deleting it when empty); resolves its length. */
  sortStore(key: string, destination: string, options?: SortOptions): Promise<number> {
    return this.command(
      ['SORT', key, ...sortArgs(options), 'STORE', destination],
      options,
    ) as Promise<number>;
  }
  /**
   * PFADD: adds elements to the HyperLogLog at `key` (created when
   * absent); resolves 1 when its estimate may have changed, else 0.
   */
  pfadd(key: string, elements: SetMembers = [], options?: CommandOptions): Promise<number> {
    return this.command(['PFADD', key, ...memberArgs(elements)], options) as Promise<number>;
  }
  /**
   * PFCOUNT: the estimated number of distinct elements added to the
   * HyperLogLog at `key` (0 when absent), or to the union of several keys
   * (within 0.81% in the mean).
   */
  pfcount(keys: string | readonly string[], options?: CommandOptions): Promise<number> {
    return this.command(['PFCOUNT', ...keyList(keys)], options) as Promise<number>;
  }
  /** PFMERGE: merges the HyperLogLogs at `sources` into `destination` (kept as one of them). */
  pfmerge(
    destination: string,
    sources: string | readonly string[],
    options?: CommandOptions,
  ): Promise<'OK'> {
    return this.command(['PFMERGE', destination, ...keyList(sources)], options) as Promise<'OK'>;
  }
  /**
   * GEOADD: adds points (`{ longitude, latitude, member }`, or an array of
   * them) to the geo set at `key`, a sorted set scored by geohash, or
   * moves existing members; resolves how many were added (with `CH`,
   * added or moved). Rejects with Redis's error for a latitude beyond
   * ±85.05112878.
   */
  async geoadd(
    key: string,
    members: GeoMember | readonly GeoMember[],
    options?: GeoaddOptions,
  ): Promise<number> {
    // async: no members rejects the promise (a RangeError) rather than throwing.
    return (await this.command(geoaddArgs(key, members, options), options)) as number;
  }
  /**
   * GEODIST: the distance between two members in `unit` (meters by
   * default), to 4 decimals as Redis computes it; null when either (or the
   * key) is missing.
   */
  async geodist(
    key: string,
    member1: string | Buffer | number,
    member2: string | Buffer | number,
    unit?: GeoUnit,
    options?: CommandOptions,
  ): Promise<number | null> {
    const args: CommandArg[] = ['GEODIST', key, member1, member2];
    if (unit !== undefined) args.push(unit);
    const reply = await this.command(args, options);
    return reply === null ? null : Number(reply);
  }
  /** GEOHASH: each member's standard 11-character geohash (null for a missing one). */
  geohash(key: string, members: SetMembers, options?: CommandOptions): Promise<(string | null)[]> {
    return this.command(['GEOHASH', key, ...memberArgs(members)], options) as Promise<
      (string | null)[]
    >;
  }
  /**
   * GEOPOS: each member's point as stored (the center of its geohash cell,
   * within about 0.6 m of what GEOADD was given); null for a missing one.
   */
  async geopos(
    key: string,
    members: SetMembers,
    options?: CommandOptions,
  ): Promise<(GeoCoordinates | null)[]> {
    const reply = (await this.command(['GEOPOS', key, ...memberArgs(members)], options)) as Reply[];
    return reply.map(coordinatesOf);
  }
  /**
   * GEOSEARCH: the members within `shape` (`{ radius, unit }` or
   * `{ width, height, unit }`) of `center` (`{ member }` or `{ longitude,
   * latitude }`). Unordered unless `SORT`; `COUNT` keeps the nearest (with
   * `ANY`, the first found). Rejects when a `{ member }` center is not in
   * the set.
   */
  geosearch(
    key: string,
    center: GeoSearchCenter,
    shape: GeoSearchShape,
    options?: GeoSearchOptions,
  ): Promise<string[]> {
    return this.command(
      ['GEOSEARCH', key, ...geosearchArgs(center, shape, options)],
      options,
    ) as Promise<string[]>;
  }
  /**
   * GEOSEARCH with WITHDIST, WITHHASH and WITHCOORD as asked in `options`:
   * each member found as `{ member, distance?, hash?, coordinates? }`
   * (the distance in the shape's unit).
   */
  async geosearchWith(
    key: string,
    center: GeoSearchCenter,
    shape: GeoSearchShape,
    options: GeoSearchWithOptions,
  ): Promise<GeoSearchResult[]> {
    const args = ['GEOSEARCH', key, ...geosearchArgs(center, shape, options)];
    if (options.WITHDIST) args.push('WITHDIST');
    if (options.WITHHASH) args.push('WITHHASH');
    if (options.WITHCOORD) args.push('WITHCOORD');
    return searchResultsOf(await this.command(args, options), options);
  }
  /**
   * GEOSEARCHSTORE: GEOSEARCH's members stored at `destination` as a
   * sorted set (scored by geohash, or with `STOREDIST` by distance),
   * replacing what was there (deleting it when nothing is found); resolves
   * how many were stored.
   */
  geosearchstore(
    destination: string,
    source: string,
    center: GeoSearchCenter,
    shape: GeoSearchShape,
    options?: GeoSearchStoreOptions,
  ): Promise<number> {
    const args = ['GEOSEARCHSTORE', destination, source, ...geosearchArgs(center, shape, options)];
    if (options?.STOREDIST) args.push('STOREDIST');
    return this.command(args, options) as Promise<number>;
  }
  /**
   * BLPOP: LPOP from the first of `keys` holding a list, resolving [key,
   * element]; when none does, waits on the server until one gets a list
   * or `timeout` seconds pass (0: no limit), then resolves null. It holds
   * this command's connection meanwhile, so everything sent behind it
   * waits too: on a shared client use a lease's (`pool.lease()`).
   */
  blpop(
    keys: string | readonly string[],
    timeout: number,
    options?: CommandOptions,
  ): Promise<[key: string, element: string] | null> {
    return this.command(['BLPOP', ...keyList(keys), timeout], options) as Promise<
      [string, string] | null
    >;
  }
  /** BRPOP: BLPOP from the tail. */
  brpop(
    keys: string | readonly string[],
    timeout: number,
    options?: CommandOptions,
  ): Promise<[key: string, element: string] | null> {
    return this.command(['BRPOP', ...keyList(keys), timeout], options) as Promise<
      [string, string] | null
    >;
  }
  /**
   * BLMOVE: LMOVE that, while `source` is absent, waits up to `timeout`
   * seconds (0: no limit) for it; resolves the element, or null. Holds
   * the connection as BLPOP does.
   */
  blmove(
    source: string,
    destination: string,
    from: 'LEFT' | 'RIGHT',
    to: 'LEFT' | 'RIGHT',
    timeout: number,
    options?: CommandOptions,
  ): Promise<string | null> {
    return this.command(['BLMOVE', source, destination, from, to, timeout], options) as Promise<
      string | null
    >;
  }
  /** BRPOPLPUSH: BLMOVE source destination RIGHT LEFT, its older name. */
  brpoplpush(
    source: string,
    destination: string,
    timeout: number,
    options?: CommandOptions,
  ): Promise<string | null> {
    return this.command(['BRPOPLPUSH', source, destination, timeout], options) as Promise<
      string | null
    >;
  }
  /**
   * BLMPOP (Redis 7): LMPOP that waits up to `timeout` seconds (0: no
   * limit) while every list is absent; resolves [key, elements], or null.
   * Holds the connection as BLPOP does.
   */
  blmpop(
    timeout: number,
    keys: string | readonly string[],
    side: 'LEFT' | 'RIGHT',
    options?: CommandOptions & { readonly COUNT?: number },
  ): Promise<[key: string, elements: string[]] | null> {
    const list = keyList(keys);
    const args: CommandArg[] = ['BLMPOP', timeout, list.length, ...list, side];
    if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
    return this.command(args, options) as Promise<[string, string[]] | null>;
  }
  /**
   * CLIENT UNBLOCK: ends the block of the connection `id` (a WAIT, a
   * blocking pop), as if its timeout came (`TIMEOUT`, the default) or with
   * an UNBLOCKED error (`ERROR`); resolves 1, or 0 when it was not blocked.
   */
  clientUnblock(
    id: number,
    reason?: 'TIMEOUT' | 'ERROR',
    options?: CommandOptions,
  ): Promise<number> {
    const args: CommandArg[] = ['CLIENT', 'UNBLOCK', id];
    if (reason !== undefined) args.push(reason);
    return this.command(args, options) as Promise<number>;
  }
  /** CLIENT UNPAUSE: ends a pause; the clients it held run what they sent. */
  clientUnpause(options?: CommandOptions): Promise<'OK'> {
    return this.command(['CLIENT', 'UNPAUSE'], options) as Promise<'OK'>;
  }
}

// A RESP3 set reply (decoded as a Set) or a RESP2 array, as an array.
function listOf<V>(reply: Reply): V[] {
  return reply instanceof Set ? ([...reply] as V[]) : (reply as V[]);
}

// A reply that is a map over RESP3 and a flat array of names and values
// over RESP2 (PUBSUB NUMSUB, CONFIG GET), as a Map either way.
function mapOf<V>(reply: Reply): Map<string, V> {
  if (reply instanceof Map) return reply as Map<string, V>;
  const pairs = reply as V[];
  const map = new Map<string, V>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(String(pairs[i]), pairs[i + 1]!);
  return map;
}

/** A selector's permissions, described as rules (`aclGetuser`). */
export interface AclSelectorInfo {
  /** `-@all +get +@read ...` */
  readonly commands: string;
  /** `~k*`, `%R~r*`, ...; `~*` for every key, '' for none. */
  readonly keys: string;
  /** `&news.*`, ...; `&*` for every channel, '' for none. */
  readonly channels: string;
}

/** A user as `aclGetuser` gives it: its root selector's permissions, and its other selectors. */
export interface AclUserInfo extends AclSelectorInfo {
  /** `on` or `off`, `nopass`, `sanitize-payload` or `skip-sanitize-payload`. */
  readonly flags: string[];
  /** SHA-256 hashes of its passwords, as hex. */
  readonly passwords: string[];
  readonly selectors: AclSelectorInfo[];
}

/** One entry of the ACL log (`aclLog`). */
export interface AclLogEntry {
  /** Refusals grouped in this entry (alike, within a minute). */
  readonly count: number;
  readonly reason: 'command' | 'key' | 'channel' | 'auth';
  /** `toplevel`, `multi` or `lua`. */
  readonly context: string;
  /** The command, key or channel refused; for `auth`, the command that tried. */
  readonly object: string;
  readonly username: string;
  readonly ageSeconds: number;
  /** The CLIENT LIST line of the client refused. */
  readonly clientInfo: string;
}

/** One entry of the slow log (`slowlogGet`). */
export interface SlowlogEntry {
  /** Unique and increasing for the server's lifetime. */
  readonly id: number;
  /** When it was logged, in Unix seconds. */
  readonly timestamp: number;
  /** How long the command ran, in microseconds. */
  readonly durationMicros: number;
  /** The command and its arguments, as the server kept them (bounded, secrets redacted). */
  readonly args: string[];
  /** The client's `ip:port`. */
  readonly client: string;
  readonly clientName: string;
}

/** An event class's latest sample (`latencyLatest`). */
export interface LatencyLatest {
  readonly event: string;
  /** When the latest sample was taken, in Unix seconds. */
  readonly timestamp: number;
  readonly latestMs: number;
  /** The highest latency ever sampled for the class. */
  readonly maxMs: number;
}

/** One command's latency distribution (`latencyHistogram`). */
export interface LatencyHistogram {
  /** Calls the histogram holds. */
  readonly calls: number;
  /** Microseconds (a power of two, as Redis names the bucket) → calls that took at most that. */
  readonly histogramUsec: Map<number, number>;
}

/** A library as `functionList` gives it. */
export interface FunctionLibrary {
  readonly libraryName: string;
  /** The engine that runs it: `LUA`. */
  readonly engine: string;
  readonly functions: {
    readonly name: string;
    readonly description: string | null;
    /** As registered: `no-writes`, `allow-oom`, `allow-stale`, `no-cluster`, `allow-cross-slot-keys`. */
    readonly flags: string[];
  }[];
  /** Its code, metadata line included (only with `withCode`). */
  readonly libraryCode?: string;
}

/** FUNCTION STATS's answer (`functionStats`). */
export interface FunctionStats {
  /** The function running on the server, or null. */
  readonly runningScript: {
    readonly name: string;
    readonly command: string[];
    readonly durationMs: number;
  } | null;
  /** Per engine (`LUA`), how many libraries and functions are loaded. */
  readonly engines: Record<
    string,
    { readonly librariesCount: number; readonly functionsCount: number }
  >;
}

// One library of FUNCTION LIST: a map (RESP3) or a flat array (RESP2),
// its functions' flags a set or an array.
function functionLibraryOf(reply: Reply): FunctionLibrary {
  const fields = mapOf<Reply>(reply);
  const code = fields.get('library_code');
  return {
    libraryName: String(fields.get('library_name')),
    engine: String(fields.get('engine')),
    functions: ((fields.get('functions') ?? []) as Reply[]).map((entry) => {
      const fn = mapOf<Reply>(entry);
      const description = fn.get('description');
      return {
        name: String(fn.get('name')),
        description: description === null || description === undefined ? null : String(description),
        flags: listOf<string>(fn.get('flags') ?? []),
      };
    }),
    ...(code === undefined ? {} : { libraryCode: String(code) }),
  };
}

/** CLIENT TRACKINGINFO's answer (`clientTrackinginfo`). */
export interface TrackingInfo {
  readonly flags: string[];
  readonly redirect: number;
  readonly prefixes: string[];
}

// CLIENT TRACKINGINFO's map (RESP3, its flags a set) or flat array (RESP2).
function trackingInfoOf(reply: Reply): TrackingInfo {
  const fields = mapOf<Reply>(reply);
  return {
    flags: listOf<string>(fields.get('flags') ?? []),
    redirect: Number(fields.get('redirect') ?? -1),
    prefixes: listOf<string>(fields.get('prefixes') ?? []),
  };
}

/**
 * Starts a client actor for `address` (`host:port`, `redis://...`,
 * `rediss://...`, or a Unix socket: `/path`, `unix:///path`; see
 * `parseAddress`), or for the server Redis Sentinel names
 * (`SentinelOptions`: looked up before each connection, so a reconnect
 * after a failover goes to the new master; see sentinel.ts), and returns
 * its first handle. The connection is made in
 * the background; commands sent before it is up wait in the queue (or,
 * with `offlineQueue: false`, fail: await `ready()` first).
 *
 * @throws ClientError `ERR_INVALID_ADDRESS`; RangeError for a bad option.
 */
