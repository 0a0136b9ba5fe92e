/**
 * `createServer`: the listener and its accept loop, mini-redis's shape.
 *
 * Every accepted connection first takes a permit from a `Semaphore` of
 * `maxClients` permits; without one it gets `-ERR max number of clients
 * reached` and is closed, as Redis does. Each connection gets a `Handler`
 * holding a clone of the completion `mpsc` sender and a receiver of the
 * shutdown `watch` channel. `close()` stops accepting, flips the watch,
 * and waits until every handler has dropped its sender (the receiver then
 * sees the channel close): graceful shutdown exactly as in mini-redis.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { chmod } from 'node:fs/promises';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { relative, resolve } from 'node:path';
import process from 'node:process';
import { mpsc, Semaphore, type SemaphorePermit, watch } from '@mini-redis/channels';
import { splitInlineArgs } from '@mini-redis/resp';
import { clientMemory } from './client-memory.js';
import { applySettings, settingNamed, settingText } from './commands/config.js';
import { commandTable } from './commands/index.js';
import { Db } from './db.js';
import { DEFAULT_ENCODING_LIMITS } from './encoding-limits.js';
import { Replies, ServerError } from './errors.js';
import { extraSettingNamed } from './extra-settings.js';
import { Handler } from './handler.js';
import { bytesOf, heldBytes, textOf } from './internal/byte-strings.js';
import { CountedReplyEncoder } from './internal/counted-reply.js';
import { peerId } from './internal/peer-id.js';
import { clearStaleSocket } from './internal/stale-socket.js';
import { formatKeyspaceEvents, parseKeyspaceEvents } from './keyspace-events.js';
import { DEFAULT_OUTPUT_LIMITS } from './output-limits.js';
import { DEFAULT_SAVE_POINTS, Persistence, parseSavePoints } from './persistence.js';
import {
  ACL_DEFAULTS,
  MEMORY_LIMIT_DEFAULTS,
  type ServerConfig,
  ServerInfo,
  STATISTICS_DEFAULTS,
} from './server-info.js';
import { Session } from './session.js';

/** Options of `createServer`; every one is optional. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one (see `listen()`'s result). Default 6379. */
  readonly port?: number;
  /**
   * Addresses to bind, separated by spaces, as redis.conf's `bind`
   * (`"127.0.0.1 ::1"`); one prefixed with `-` is skipped when the host
   * lacks it (`"127.0.0.1 -::1"`, Debian's redis.conf). `*` is every IPv4
   * address and `::*` every IPv6 one. Default `127.0.0.1`: nothing is
   * exposed unless asked.
   */
  readonly bind?: string;
  /**
   * Also listen on this Unix socket, as redis-server's `unixsocket`. A
   * stale socket file left there (no server answers on it) is replaced;
   * a live one is `ERR_ADDRESS_IN_USE`, and any other file `ERR_LISTEN`.
   * The file is removed at `close()`. A relative path is in `dir`, as
   * redis-server (which runs there) makes it. A string is text (its
   * UTF-8); a Uint8Array is bytes, as a config file's `\xff` escape gives
   * them. Default none.
   */
  readonly unixSocket?: string | Uint8Array;
  /**
   * The socket file's permissions, redis-server's `unixsocketperm` (write
   * it in octal: `0o700`). Default: what the process's umask leaves.
   */
  readonly unixSocketPerm?: number;
  /**
   * Password clients must give with AUTH or HELLO. A string is text (its
   * UTF-8); a Uint8Array is bytes. Default none.
   */
  readonly requirepass?: string | Uint8Array;
  /**
   * Persist to an RDB file in this directory, redis-server's `dir`: the
   * file is loaded at `listen()` and written by SAVE, BGSAVE, the save
   * points, SHUTDOWN and `close()` (persistence.ts). A string is text
   * (its UTF-8); a Uint8Array is bytes, for a path that is not UTF-8.
   * Default none: nothing is read or written.
   */
  readonly dir?: string | Uint8Array;
  /**
   * The RDB file's name in `dir`, redis-server's `dbfilename` (text or
   * bytes, as `dir`). Default `dump.rdb`.
   */
  readonly dbfilename?: string | Uint8Array;
  /**
   * Save points, redis-server's `save`: "after S seconds if at least C
   * changes", as pairs (`"3600 1 300 100"`; `""` for none). Default, with
   * a `dir`: Redis's `3600 1 300 100 60 10000`.
   */
  readonly save?: string;
  /** Most connected clients. Default 10,000. */
  readonly maxClients?: number;
  /**
   * The limit on the data in bytes, redis-server's `maxmemory`, counted as
   * Redis would hold the data (key-eviction.ts). Default 0: none.
   */
  readonly maxmemory?: number;
  /** What happens at `maxmemory`, redis-server's `maxmemory-policy`. Default `noeviction`. */
  readonly maxmemoryPolicy?: MaxmemoryPolicy;
  /** Close clients idle this many seconds (0: never). Default 0. */
  readonly timeout?: number;
  /** Number of databases for SELECT. Default 16. */
  readonly databases?: number;
  /** Largest bulk string a client may send. Default 512 MiB. */
  readonly maxBulkLength?: number;
  /** Most bytes one incomplete command may hold. Default 1 GiB. */
  readonly maxQueryBuffer?: number;
  /**
   * Keyspace notifications, redis-server's `notify-keyspace-events`: the
   * event classes to publish, such as `KEA` or `Ex` (keyspace-events.ts).
   * Default '' (none); CONFIG SET changes it.
   */
  readonly notifyKeyspaceEvents?: string;
  /**
   * Who may run DEBUG, redis-server's `enable-debug-command`: 'no' (the
   * default, as in Redis 7), 'yes', or 'local' (clients over loopback or
   * the Unix socket). DEBUG SLEEP stops the whole server, DEBUG RELOAD
   * replaces the dataset: enable it for tests and development.
   */
  readonly enableDebugCommand?: 'no' | 'yes' | 'local';
  /**
   * The ACL file, redis-server's `aclfile`: its users are loaded at
   * `listen()` (an error in it, or no such file, fails `listen()` with
   * `ERR_LOAD`, as redis-server refuses to start), and ACL LOAD and ACL
   * SAVE read and write it. A relative path is in `dir` (the one at the
   * time), as redis-server, which runs there, reads it; CONFIG GET shows
   * it as given. Text or bytes, as `dir`. Default none:
   * users live in memory only.
   */
  readonly aclfile?: string | Uint8Array;
  /**
   * ACL users to create at start, as redis-server's `user` directives:
   * each a name and its rules, space-separated (`'app on >secret ~app:*
   * +@all'`; `default` changes the default user, from scratch). A rule
   * that does not apply throws `ERR_INVALID_OPTION`, and so does giving
   * both `users` and `aclfile`, as redis-server refuses both. Default none.
   */
  readonly users?: readonly string[];
  /**
   * redis.conf's `rename-command` lines, in order: each `[from, to]`
   * makes the command `from` answer as `to` only (`to` '' removes it), for
   * clients and scripts alike; replies, statistics and ACL rules keep its
   * own name, as in Redis. An unknown `from`, or a `to` that is already a
   * command, throws `ERR_INVALID_OPTION` with Redis's reason. Default none.
   */
  readonly renameCommands?: ReadonlyArray<readonly [string, string]>;
  /**
   * The config file these options were read from (redis-server's first
   * argument; the `mini-redis-server` command passes it): INFO shows it
   * as `config_file`, and CONFIG REWRITE writes the current settings back
   * into it, as redis-server does (config-rewrite.ts). Without it, CONFIG
   * REWRITE answers that the server runs without a config file. Default
   * none.
   */
  readonly configFile?: string;
  /**
   * The channels a new ACL user or selector may use, redis-server's
   * `acl-pubsub-default`: 'resetchannels' (none, the default in Redis 7)
   * or 'allchannels'. CONFIG SET changes it.
   */
  readonly aclPubsubDefault?: 'resetchannels' | 'allchannels';
  /** Messages kept per pub/sub channel for its slowest subscriber. Default 1024. */
  readonly pubsubCapacity?: number;
  /**
   * Unsent output, in bytes, after which a subscriber is disconnected: the
   * `pubsub` class's hard limit at start (client-output-buffer-limit,
   * which CONFIG SET changes). It also caps the unsent output the server
   * pushes on its own (messages, MONITOR lines, invalidations) to a
   * connection whose class sets no hard limit, which Redis leaves
   * unbounded. Default 32 MiB, Redis's.
   */
  readonly pubsubOutputLimit?: number;
  /**
   * Read every connection into one shared buffer through Node's `onread`
   * (faster; it moves each accepted socket's handle into a new socket, see
   * internal/shared-reads.ts). false reads through 'data' events. Default true.
   */
  readonly sharedReads?: boolean;
  /**
   * Called with what Redis would log as a warning, one line each: a
   * background save (BGSAVE, a save point's) that failed, and why (writes
   * are refused with MISCONF then, whose text sends the user to the log),
   * and a connection closed past its output limits or behind its
   * subscription's bound. The `mini-redis-server` binary prints them on
   * stderr. Default: nothing.
   */
  readonly onWarning?: (message: string) => void;
  /**
   * More settings by their redis.conf and CONFIG SET names, applied in
   * order once the options above are, exactly as CONFIG SET applies them:
   * the same names (aliases too), values, checks and effects, for what
   * has no option of its own (`{ 'maxmemory-samples': '10',
   * 'hash-max-listpack-entries': '64', appendonly: 'no' }`). The command
   * line passes its other `--name value` pairs here. Redis's settings
   * that this server keeps without acting on them (extra-settings.ts) are
   * taken here even where CONFIG SET may not change them (`pidfile`,
   * `io-threads`, `tcp-backlog`, which listen() applies), as from a
   * redis.conf. This server's own immutable ones (port, databases, dir,
   * ...) are refused: they have options. A refused one is ServerError
   * `ERR_INVALID_OPTION`, naming it and saying why. A string value is
   * text (held as its UTF-8); bytes (a Uint8Array) are taken as they are,
   * as a config file's `\xff` escape gives them. Default none.
   */
  readonly settings?: Readonly<Record<string, string | Uint8Array>>;
}

// The longest path a socket can be bound to: sockaddr_un's sun_path holds
// 108 bytes on Linux (104 elsewhere), NUL included. Node cuts a longer
// path short without a word and binds the shorter one.
const MAX_UNIX_SOCKET_BYTES = process.platform === 'linux' ? 107 : 103;

// Whether a TCP peer is what protected mode admits: 127.0.0.1 or ::1
// exactly, as Redis compares them (an IPv4 peer of a dual-stack socket
// comes as ::ffff:127.0.0.1).
function isLoopbackPeer(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

// A text or bytes option (internal/byte-strings.ts's heldBytes), or
// undefined when it is neither: the checks below refuse that.
function heldOption(value: unknown): string | undefined {
  return typeof value === 'string' || value instanceof Uint8Array ? heldBytes(value) : undefined;
}

// An option as a message shows it.
function shownOption(value: unknown): string {
  return value instanceof Uint8Array
    ? JSON.stringify(textOf(heldBytes(value)))
    : JSON.stringify(value);
}

// The socket's path, held as bytes ('' for none).
function unixSocketOption(path: string | Uint8Array | undefined): string {
  if (path === undefined) return '';
  const held = heldOption(path);
  if (held === undefined || held === '' || held.includes('\0'))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`unixSocket\` to be a file path, got ${shownOption(path)}`,
    );
  if (held.length > MAX_UNIX_SOCKET_BYTES)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`unixSocket\` to be at most ${MAX_UNIX_SOCKET_BYTES} bytes long (the system's limit), got ${held.length}`,
    );
  return held;
}

// A path held as bytes, made absolute from the working directory.
function absoluteHeld(held: string): string {
  return resolve(bytesOf(process.cwd()), held);
}

function requirepassOption(password: string | Uint8Array | undefined): string {
  if (password === undefined) return '';
  const held = heldOption(password);
  if (held === undefined)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`requirepass\` to be a string or bytes, got ${shownOption(password)}`,
    );
  return held;
}

function dirOption(dir: string | Uint8Array | undefined): string {
  if (dir === undefined) return bytesOf(process.cwd());
  const held = heldOption(dir);
  if (held === undefined || held === '' || held.includes('\0'))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`dir\` to be a directory path, got ${shownOption(dir)}`,
    );
  return absoluteHeld(held);
}

function unixSocketPermOption(mode: number | undefined): number {
  if (mode === undefined) return 0;
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o777)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`unixSocketPerm\` to be a file mode from 0 to 0o777, got ${String(mode)}`,
    );
  return mode;
}

// The ACL file's path, as given (CONFIG GET shows it so): a relative one
// is read in `dir` when used, where redis-server (which runs there)
// reads it.
function aclfileOption(path: string | Uint8Array | undefined): string {
  if (path === undefined) return '';
  const held = heldOption(path);
  if (held === undefined || held === '' || held.includes('\0'))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`aclfile\` to be a file path, got ${shownOption(path)}`,
    );
  return held;
}

// The `users` option: each definition applied as a `user` line of
// redis.conf (Redis's ACLLoadConfiguredUsers), `default` reset first.
// Unbalanced quotes leave no name, which is refused.
function usersOption(
  info: ServerInfo,
  users: readonly string[] | undefined,
  aclfile: string,
): void {
  if (users === undefined) return;
  if (aclfile !== '' && users.length > 0)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      'Expected `users` or `aclfile`, not both (redis-server refuses users in its configuration with an ACL file)',
    );
  for (const definition of users) {
    // Split as redis.conf's lines are (sdssplitargs: quotes allowed).
    const words = splitInlineArgs(Buffer.from(String(definition), 'utf8'));
    const [name = '', ...rules] = (words ?? []).map((word) => word.toString('latin1'));
    try {
      if (name === 'default') info.acl.setUser('default', ['reset']);
      info.acl.setUser(name, rules);
    } catch (error) {
      throw new ServerError(
        'ERR_INVALID_OPTION',
        `Expected \`users\` to hold valid ACL users, got ${JSON.stringify(definition)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function pubsubDefaultOption(value: string | undefined): 'resetchannels' | 'allchannels' {
  if (value === undefined) return 'resetchannels';
  if (value !== 'resetchannels' && value !== 'allchannels')
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`aclPubsubDefault\` to be 'resetchannels' or 'allchannels', got ${JSON.stringify(value)}`,
    );
  return value;
}

function dbfilenameOption(name: string | Uint8Array | undefined): string {
  if (name === undefined) return 'dump.rdb';
  // As redis-server: a file name, not a path.
  const held = heldOption(name);
  if (held === undefined || held === '' || held.includes('/') || held.includes('\0'))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`dbfilename\` to be a file name (not a path), got ${shownOption(name)}`,
    );
  return held;
}

function saveOption(text: string): string {
  const points = typeof text === 'string' ? parseSavePoints(text) : undefined;
  if (points === undefined)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`save\` to be pairs of seconds and changes ("3600 1 300 100"), got ${JSON.stringify(text)}`,
    );
  return points.map(([seconds, changes]) => `${seconds} ${changes}`).join(' ');
}

function debugCommandOption(value: string | undefined): 'no' | 'yes' | 'local' {
  if (value === undefined) return 'no';
  if (value === 'no' || value === 'yes' || value === 'local') return value;
  throw new ServerError(
    'ERR_INVALID_OPTION',
    `Expected \`enableDebugCommand\` to be 'no', 'yes' or 'local', got ${JSON.stringify(value)}`,
  );
}

// The flags of `notifyKeyspaceEvents`.
function keyspaceEventsOption(text: string | undefined): number {
  const flags = parseKeyspaceEvents(text ?? '');
  if (flags === undefined)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`notifyKeyspaceEvents\` to be made of the characters 'Ag$lshzxeKEtmdn', got ${JSON.stringify(text)}`,
    );
  return flags;
}

function positiveInteger(name: string, value: number, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`${name}\` to be an integer >= ${min}, got ${String(value)}`,
    );
  }
  return value;
}

/** Redis's eviction policies (`maxmemory-policy`). */
export type MaxmemoryPolicy =
  | 'volatile-lru'
  | 'volatile-lfu'
  | 'volatile-random'
  | 'volatile-ttl'
  | 'allkeys-lru'
  | 'allkeys-lfu'
  | 'allkeys-random'
  | 'noeviction';

/** The eviction policies, in Redis's order (its error texts list them so). */
export const MAXMEMORY_POLICIES: readonly MaxmemoryPolicy[] = [
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'noeviction',
];

function maxmemoryPolicyOption(value: string | undefined): MaxmemoryPolicy {
  if (value === undefined) return 'noeviction';
  if (!MAXMEMORY_POLICIES.includes(value as MaxmemoryPolicy))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `Expected \`maxmemoryPolicy\` to be one of ${MAXMEMORY_POLICIES.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return value as MaxmemoryPolicy;
}

/** A Redis-compatible server. Create with `createServer`, start with `listen()`. */
export class Server {
  readonly #info: ServerInfo;
  readonly #db: Db;
  // The TCP listeners, one per bind address (the first is listen()'s
  // address), after listen(); CONFIG SET port and bind replace them.
  #nets: NetServer[] = [];
  // The listeners' moves (CONFIG SET port and bind), in order.
  #moves: Promise<void> = Promise.resolve();
  // Listening on `unixsocket`, when given, after listen().
  #unixNet: NetServer | null = null;
  readonly #clients: Semaphore;
  readonly #shutdown: watch.WatchSender<boolean>;
  readonly #shutdownRx: watch.WatchReceiver<boolean>;
  readonly #done: mpsc.Sender<never>;
  readonly #doneRx: mpsc.Receiver<never>;
  readonly #pubsubOutputLimit: number;
  readonly #sharedReads: boolean;
  #closing: Promise<void> | null = null;
  // Resolved when #close is done (`closed()`).
  readonly #closed: Promise<void>;
  #resolveClosed: () => void = () => {};
  #clientsTimer: NodeJS.Timeout | null = null;
  #saveTimer: NodeJS.Timeout | null = null;
  #statsTimer: NodeJS.Timeout | null = null;

  /** @throws ServerError (`ERR_INVALID_OPTION`) for an option out of range. */
  // The connection bound now (maxclients), and how many held permits it
  // no longer has room for (#resizeClients).
  #maxclients: number;
  #permitDebt = 0;

  constructor(options: ServerOptions = {}) {
    const dir = dirOption(options.dir);
    const config: ServerConfig = {
      port: positiveInteger('port', options.port ?? 6379, 0),
      bind: options.bind ?? '127.0.0.1',
      // Text options are held as the bytes of their UTF-8, bytes as they
      // are (internal/byte-strings.ts).
      unixsocket: unixSocketOption(options.unixSocket),
      unixsocketperm: unixSocketPermOption(options.unixSocketPerm),
      requirepass: requirepassOption(options.requirepass),
      'protected-mode': 'yes',
      loglevel: 'notice',
      maxclients: positiveInteger('maxClients', options.maxClients ?? 10_000),
      timeout: positiveInteger('timeout', options.timeout ?? 0, 0),
      'tcp-keepalive': 300,
      databases: positiveInteger('databases', options.databases ?? 16),
      'proto-max-bulk-len': positiveInteger(
        'maxBulkLength',
        options.maxBulkLength ?? 512 * 1024 * 1024,
      ),
      'client-query-buffer-limit': positiveInteger(
        'maxQueryBuffer',
        options.maxQueryBuffer ?? 1024 * 1024 * 1024,
      ),
      // Written from the limits below (ServerInfo's constructor).
      'client-output-buffer-limit': '',
      dir,
      dbfilename: dbfilenameOption(options.dbfilename),
      save: saveOption(options.save ?? (options.dir === undefined ? '' : DEFAULT_SAVE_POINTS)),
      'stop-writes-on-bgsave-error': 'yes',
      rdbcompression: 'yes',
      // Every file written here has its checksum (set at start in Redis).
      rdbchecksum: 'yes',
      appendonly: 'no',
      'notify-keyspace-events': '',
      'stream-node-max-entries': 100,
      'stream-node-max-bytes': 4096,
      'hll-sparse-max-bytes': 3000,
      ...DEFAULT_ENCODING_LIMITS,
      'tracking-table-max-keys': 1_000_000,
      'busy-reply-threshold': 5000,
      ...STATISTICS_DEFAULTS,
      'enable-debug-command': debugCommandOption(options.enableDebugCommand),
      ...ACL_DEFAULTS,
      ...MEMORY_LIMIT_DEFAULTS,
      maxmemory: positiveInteger('maxmemory', options.maxmemory ?? 0, 0),
      'maxmemory-policy': maxmemoryPolicyOption(options.maxmemoryPolicy),
      aclfile: aclfileOption(options.aclfile),
      'acl-pubsub-default': pubsubDefaultOption(options.aclPubsubDefault),
    };
    const eventFlags = keyspaceEventsOption(options.notifyKeyspaceEvents);
    config['notify-keyspace-events'] = formatKeyspaceEvents(eventFlags);
    this.#pubsubOutputLimit = positiveInteger(
      'pubsubOutputLimit',
      options.pubsubOutputLimit ?? DEFAULT_OUTPUT_LIMITS.pubsub.hard,
    );
    this.#info = new ServerInfo(config, commandTable(), {
      ...DEFAULT_OUTPUT_LIMITS,
      pubsub: { ...DEFAULT_OUTPUT_LIMITS.pubsub, hard: this.#pubsubOutputLimit },
    });
    if (options.onWarning !== undefined) this.#info.warn = options.onWarning;
    if (options.configFile !== undefined)
      this.#info.configFile = bytesOf(resolve(options.configFile));
    usersOption(this.#info, options.users, config.aclfile);
    for (const [from, to] of options.renameCommands ?? []) {
      try {
        this.#info.renameCommand(bytesOf(from), bytesOf(to));
      } catch (error) {
        throw new ServerError(
          'ERR_INVALID_OPTION',
          `rename-command '${from}' '${to}': ${(error as Error).message}`,
        );
      }
    }
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    // A client's SHUTDOWN closes the server as close() does.
    // (SHUTDOWN saved first, so close() has no save of its own to fail.)
    this.#info.shutdown = () => void this.close().catch(() => {});
    const info = this.#info;
    this.#db = new Db({
      databases: config.databases,
      pubsubCapacity: positiveInteger('pubsubCapacity', options.pubsubCapacity ?? 1024),
      sessions: info.sessions,
      trackingMaxKeys: () => info.config['tracking-table-max-keys'],
      counters: info.stats.keyspace,
      // The configuration itself: CONFIG SET's changes apply at once.
      limits: info.config,
    });
    this.#db.events.flags = eventFlags;
    this.#db.persistence = new Persistence(
      this.#db,
      options.dir === undefined ? undefined : config.dir,
      () => info.config.dbfilename,
      () => info.config.save,
      info.startedAt,
      () => info.config.rdbcompression === 'yes',
      options.onWarning,
    );
    this.#db.eviction.configure(info);
    this.#clients = new Semaphore(config.maxclients);
    this.#maxclients = config.maxclients;
    info.maxclientsChanged = (maxclients) => this.#resizeClients(maxclients);
    info.relisten = () => this.#relisten();
    [this.#shutdown, this.#shutdownRx] = watch.channel(false);
    [this.#done, this.#doneRx] = mpsc.channel<never>(1);
    this.#sharedReads = options.sharedReads ?? true;
    // Last, so that their effects (eviction, the client bound) apply to
    // the server as made.
    for (const [name, value] of Object.entries(options.settings ?? {})) {
      try {
        const bytes =
          typeof value === 'string' ? bytesOf(value) : Buffer.from(value).toString('latin1');
        applySettings(info, this.#db, [[name, bytes]], { atStart: true });
      } catch (error) {
        // CONFIG SET's reply, less its prefixes: the reason.
        const reason = (error as Error).message
          .replace(/^ERR /, '')
          .replace(/^CONFIG SET failed \(possibly related to argument '[^']*'\) - /, '');
        throw new ServerError(
          'ERR_INVALID_OPTION',
          reason.startsWith('Unknown option')
            ? `unknown setting '${name}' (CONFIG GET * lists this server's)`
            : `setting '${name}' '${typeof value === 'string' ? value : Buffer.from(value).toString('utf8')}': ${reason}`,
        );
      }
    }
  }

  /**
   * Starts listening (on the TCP port, and on the Unix socket when one is
   * given); resolves with the bound TCP address and port.
   *
   * @throws ServerError `ERR_ADDRESS_IN_USE` when the port or the socket is
   *   taken, `ERR_LISTEN` otherwise; then nothing is left listening.
   */
  async listen(): Promise<{ address: string; port: number }> {
    const { port, bind, unixsocket, unixsocketperm } = this.#info.config;
    // The users and the data first, as redis-server loads its files before it listens.
    const { aclfile } = this.#info.config;
    if (aclfile !== '') {
      const loaded = this.#info.acl.load(aclfile, this.#info.config.dir);
      if ('errors' in loaded)
        throw new ServerError(
          'ERR_LOAD',
          `Aborting startup because of ACL errors: ${loaded.errors}`,
        );
    }
    this.#db.persistence.load(Date.now());
    // Redis's listen() backlog (the kernel caps it at somaxconn).
    const backlog = Number(this.#info.extraSettings.get('tcp-backlog'));
    this.#nets = await this.#bindListeners(bind, port, backlog);
    if (unixsocket !== '') {
      const unixNet = createNetServer({ pauseOnConnect: true }, (socket) =>
        this.#accept(socket, unixsocket),
      );
      // A relative path is in `dir`, where redis-server (which runs
      // there) makes it. Bound by the shorter of its absolute form and
      // its form from the working directory (the path as given when `dir`
      // is that directory): the system's limit is on what bind() gets,
      // and node:net would cut a longer path short without a word.
      const absolute = resolve(this.#info.config.dir, unixsocket);
      const fromHere = relative(bytesOf(process.cwd()), absolute);
      const bound = fromHere.length < absolute.length ? fromHere : absolute;
      // node:net takes a socket's path as text only.
      const path = textOf(bound);
      try {
        if (bound.length > MAX_UNIX_SOCKET_BYTES)
          throw new ServerError(
            'ERR_LISTEN',
            `Could not listen on ${textOf(absolute)}: its path is longer than the system's limit of ${MAX_UNIX_SOCKET_BYTES} bytes`,
          );
        await clearStaleSocket(path);
        await listenOn(unixNet, path, { path }, backlog);
        if (unixsocketperm !== 0) await chmod(path, unixsocketperm);
      } catch (error) {
        unixNet.close();
        this.#closeTcp();
        throw error instanceof ServerError
          ? error
          : new ServerError(
              'ERR_LISTEN',
              `Could not listen on ${path}: ${(error as Error).message}`,
              { cause: error },
            );
      }
      this.#unixNet = unixNet;
    }
    const address = this.#nets[0]!.address();
    if (address === null || typeof address === 'string') {
      this.#closeTcp();
      this.#unixNet?.close();
      throw new ServerError('ERR_LISTEN', 'Expected a TCP address, got none');
    }
    this.#info.config.port = address.port;
    this.#db.start();
    this.#startClientsCron();
    // INFO's instantaneous rates and the memory peak: a sample every
    // 100 ms, as Redis's serverCron takes them.
    const info = this.#info;
    this.#statsTimer = setInterval(() => {
      info.stats.sample(Date.now(), info.totalCommands);
      info.memory.used();
    }, 100);
    this.#statsTimer.unref();
    // The save points' check, once a second as Redis's serverCron does it
    // (a server started without a dir may get one: CONFIG SET dir).
    this.#saveTimer = setInterval(() => this.#db.persistence.tick(Date.now()), 1000);
    this.#saveTimer.unref();
    return { address: address.address, port: address.port };
  }

  /** The bound port (after `listen()`). */
  get port(): number {
    return this.#info.config.port;
  }

  /**
   * Graceful shutdown: stops accepting, tells every connection to finish
   * (each writes the replies it has produced and closes), waits for all of
   * them, then stops the expiry task. Idempotent: a later call's options
   * are ignored.
   *
   * With `dir` set, the data is saved last, as redis-server saves at
   * shutdown: `save: true` always, `save: false` never, and by default
   * when save points are set (SHUTDOWN's SAVE and NOSAVE have decided
   * already when a client shut it down).
   *
   * @throws ServerError `ERR_SAVE` when that save failed (the server is
   *   closed all the same).
   */
  close({ save }: { save?: boolean | undefined } = {}): Promise<void> {
    this.#closing ??= this.#close(save);
    return this.#closing;
  }

  /**
   * A setting's value now, as CONFIG GET shows it (`'maxmemory'`,
   * `'hash-max-ziplist-entries'`, `'hz'`, any case; aliases too), as text
   * (its bytes read as UTF-8), or undefined for a name Redis 7.0 has no
   * setting for.
   */
  setting(name: string): string | undefined {
    const config = this.#info.config;
    const lower = name.toLowerCase();
    const setting = settingNamed(config, lower);
    if (setting !== undefined) return textOf(settingText(setting, config));
    const extra = extraSettingNamed(lower);
    const value = extra === undefined ? undefined : this.#info.extraSettings.get(extra);
    return value === undefined ? undefined : textOf(value);
  }

  /**
   * Resolves once the server has closed, whoever closed it: `close()`, or
   * a client's SHUTDOWN. Never rejects.
   */
  closed(): Promise<void> {
    return this.#closed;
  }

  // bind's addresses, in order, on `port` (0: the first picks one, and
  // the rest take it). An address marked optional is skipped where the
  // host does not have it, as Redis skips it; any other failure closes
  // what was bound and fails listen().
  // Listens on each of bind's addresses at `port` (0: a free one, which
  // the other addresses then share) and returns the listeners; on failure
  // none of them is left listening.
  async #bindListeners(bind: string, port: number, backlog: number): Promise<NetServer[]> {
    const addresses = bindAddresses(bind);
    // Each IPv6 socket takes IPv6 only when there are several, so that
    // `* ::*` can take both families on one port, as Redis's IPV6_V6ONLY
    // sockets do; a lone `::` keeps Node's dual stack.
    const ipv6Only = addresses.length > 1;
    const nets: NetServer[] = [];
    for (const { host, optional } of addresses) {
      // Paused, so that nothing is read before a Handler takes the
      // connection over (and perhaps moves it to a socket of its own:
      // shared-reads.ts).
      const net = createNetServer({ pauseOnConnect: true }, (socket) => this.#accept(socket));
      try {
        await listenOn(net, peerId(host, port), { port, host, ipv6Only }, backlog);
      } catch (error) {
        const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
        if (optional && code !== undefined && ABSENT_ADDRESS.has(code)) continue;
        for (const bound of nets) bound.close();
        throw error;
      }
      if (nets.length === 0) port = (net.address() as { port: number }).port;
      nets.push(net);
    }
    if (nets.length === 0)
      throw new ServerError(
        'ERR_LISTEN',
        `Could not listen on any of '${bind}': the host has none of these addresses`,
      );
    return nets;
  }

  /**
   * CONFIG SET port or bind: the TCP listeners move to the settings' new
   * addresses and port, as Redis's do (changeBindAddr); connections
   * already made stay. The old listeners close first, so that a new one
   * may take an address and port they held. Port 0, or a bind of no
   * address, listens on no TCP port, as in Redis. Rejects with the listen
   * error, leaving none listening: CONFIG SET then restores the old
   * settings and calls this again. Moves run one at a time, each to the
   * settings as they are when it starts (two clients' CONFIG SETs at once
   * leave only the last one's listeners).
   */
  #relisten(): Promise<void> {
    const move = this.#moves.then(() => this.#moveListeners());
    this.#moves = move.catch(() => {});
    return move;
  }

  async #moveListeners(): Promise<void> {
    if (this.#closing !== null) return;
    this.#closeTcp();
    const { bind, port } = this.#info.config;
    if (port === 0 || bindAddresses(bind).length === 0) return;
    const backlog = Number(this.#info.extraSettings.get('tcp-backlog'));
    const nets = await this.#bindListeners(bind, port, backlog);
    // Closed meanwhile (SHUTDOWN): these must not outlive it.
    if (this.#closing !== null) for (const net of nets) net.close();
    else this.#nets = nets;
  }

  #closeTcp(): void {
    for (const net of this.#nets) net.close();
    this.#nets = [];
  }

  async #close(save: boolean | undefined): Promise<void> {
    this.#closeTcp();
    this.#info.pause.stop();
    this.#info.migrateSockets.closeAll();
    // Closing a listening Unix socket also removes its file.
    this.#unixNet?.close();
    if (this.#clientsTimer !== null) clearInterval(this.#clientsTimer);
    if (this.#saveTimer !== null) clearInterval(this.#saveTimer);
    if (this.#statsTimer !== null) clearInterval(this.#statsTimer);
    this.#shutdown.sendReplace(true);
    this.#done.close();
    // Resolves undefined once every handler has closed its clone.
    await this.#doneRx.recv();
    this.#shutdown.close();
    this.#shutdownRx.close();
    // With every command done, the last snapshot (unless SHUTDOWN saved,
    // or said NOSAVE).
    const persistence = this.#db.persistence;
    let saveError: unknown;
    if (!persistence.shutdownHandled && save !== false) {
      try {
        persistence.saveForShutdown(Date.now(), save === true);
      } catch (error) {
        saveError = error;
      }
    }
    await this.#db.stop();
    this.#resolveClosed();
    if (saveError !== undefined)
      throw new ServerError('ERR_SAVE', (saveError as Error).message, { cause: saveError });
  }

  // A connection from either listener; `unixSocket` is the path it came
  // through, or undefined over TCP.
  #accept(socket: Socket, unixSocket?: string): void {
    const permit = this.#clients.tryAcquire();
    if (permit === undefined || this.#closing !== null) {
      this.#info.rejectedConnections++;
      socket.on('error', () => {});
      socket.end(`-${Replies.maxClients}\r\n`);
      // It holds no permit: a peer that never closes its side must not
      // keep the socket open. Redis too closes it after the reply.
      setTimeout(() => socket.destroy(), 2000).unref();
      return;
    }
    const info = this.#info;
    info.totalConnections++;
    // Protected mode, as Redis's clientAcceptHandler: while it is on and
    // the default user needs no password, only the loopback interface may
    // connect, and only as 127.0.0.1 or ::1 (Redis 7.0 refuses 127.0.0.2).
    if (
      unixSocket === undefined &&
      info.config['protected-mode'] === 'yes' &&
      info.acl.defaultUser.nopass &&
      !isLoopbackPeer(socket.remoteAddress)
    ) {
      this.#releasePermit(permit);
      info.rejectedConnections++;
      socket.on('error', () => {});
      socket.end(`-${Replies.protectedMode}\r\n`);
      setTimeout(() => socket.destroy(), 2000).unref();
      return;
    }
    // TCP keepalive probes after `tcp-keepalive` idle seconds, as Redis
    // sets them on each accepted connection, so a peer that vanished
    // (its machine gone, no FIN ever sent) is found and its connection
    // closed. 0: none. A change applies to connections accepted after it.
    const keepalive = info.config['tcp-keepalive'];
    if (keepalive > 0 && unixSocket === undefined) socket.setKeepAlive(true, keepalive * 1000);
    const session = new Session(
      info.nextClientId(),
      // Redis names a Unix socket's clients, both ends, `path:0`.
      unixSocket === undefined
        ? {
            remote: peerId(socket.remoteAddress, socket.remotePort),
            local: peerId(socket.localAddress, socket.localPort),
          }
        : { remote: `${unixSocket}:0`, local: `${unixSocket}:0`, unixSocket },
      // 16 KiB to start, Redis's per-client reply buffer: the encoder's
      // default of 64 KiB would hold 640 MiB at the 10,000 clients allowed.
      // A bigger reply gets a slab of its own size.
      new CountedReplyEncoder(info.stats, 2, { slabSize: 16 * 1024 }),
      { server: info, db: this.#db },
    );
    info.sessions.set(session.id, session);
    const handler = new Handler({
      socket,
      session,
      server: info,
      db: this.#db,
      shutdown: this.#shutdownRx.clone(),
      done: this.#done.clone(),
      pushedOutputCap: this.#pubsubOutputLimit,
      sharedReads: this.#sharedReads,
    });
    handler.run().finally(() => this.#releasePermit(permit));
  }

  // A connection's permit back to the accept loop; one the bound no longer
  // has room for (maxclients lowered while it was held) is forgotten.
  #releasePermit(permit: SemaphorePermit): void {
    if (this.#permitDebt > 0) {
      this.#permitDebt--;
      permit.forget();
    } else permit.release();
  }

  // CONFIG SET maxclients: the semaphore's permits become `maxclients`.
  // Fewer: the free ones are forgotten now, and the rest owed, forgotten
  // as their connections close. More: what is owed is forgiven first.
  #resizeClients(maxclients: number): void {
    const change = maxclients - this.#maxclients;
    this.#maxclients = maxclients;
    if (change > 0) {
      const forgiven = Math.min(change, this.#permitDebt);
      this.#permitDebt -= forgiven;
      if (change > forgiven) this.#clients.addPermits(change - forgiven);
    } else if (change < 0) {
      const forgotten = this.#clients.forgetPermits(-change);
      this.#permitDebt += -change - forgotten;
    }
  }

  // Redis's clientsCron, once a second over all sessions, not a timer per
  // connection: the idle `timeout`, the recent peaks of input and output
  // (INFO clients), and client eviction's fresh figures.
  #startClientsCron(): void {
    this.#clientsTimer = setInterval(() => {
      const info = this.#info;
      const now = Date.now();
      for (const session of info.sessions.values())
        info.recentPeaks.record(clientMemory(session), now);
      info.clientEviction.refresh();
      const timeout = info.config.timeout;
      if (timeout === 0) return;
      for (const session of info.sessions.values()) {
        // Subscribers wait for messages by design, and a blocked client
        // (WAIT, or CLIENT PAUSE holding its command) for its end; Redis
        // spares both.
        if (
          !session.subscribed &&
          session.block === null &&
          !this.#info.pause.isHolding(session) &&
          now - session.lastInteraction > timeout * 1000
        )
          session.kill();
      }
    }, 1000);
    this.#clientsTimer.unref();
  }
}

// Listens; `where` names the endpoint in errors. Errors after start-up (a
// failed accept) are transient: the net server keeps accepting, so they
// are ignored and the server keeps serving.
// The errors that say the host has no such address (or family), for
// which Redis skips an optional bind address.
const ABSENT_ADDRESS: ReadonlySet<string> = new Set([
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
  'EPROTONOSUPPORT',
  'ENOTFOUND',
]);

/**
 * bind's addresses as Redis reads them: words separated by spaces, `-`
 * before one that may be missing, `*` for every IPv4 address and `::*`
 * for every IPv6 one.
 */
export function bindAddresses(bind: string): { host: string; optional: boolean }[] {
  const words = bind.split(' ').filter((word) => word !== '');
  return words.map((word) => {
    const optional = word.startsWith('-');
    const address = optional ? word.slice(1) : word;
    const host = address === '*' ? '0.0.0.0' : address === '::*' ? '::' : address;
    return { host, optional };
  });
}

function listenOn(
  net: NetServer,
  where: string,
  endpoint: { port: number; host: string; ipv6Only?: boolean } | { path: string },
  backlog: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      net.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new ServerError(
              'ERR_ADDRESS_IN_USE',
              `Could not listen on ${where}: address already in use`,
              { cause: error },
            )
          : new ServerError('ERR_LISTEN', `Could not listen on ${where}: ${error.message}`, {
              cause: error,
            }),
      );
    };
    const onListening = () => {
      net.off('error', onError);
      net.on('error', () => {});
      resolve();
    };
    net.once('error', onError);
    net.once('listening', onListening);
    net.listen({ ...endpoint, backlog });
  });
}

/** Creates a server; call `listen()` to start it. */
export function createServer(options?: ServerOptions): Server {
  return new Server(options);
}
