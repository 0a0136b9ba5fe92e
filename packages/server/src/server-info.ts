/**
 * What commands may know about the server as a whole: its configuration
 * (CONFIG GET/SET), counters (INFO), connected sessions (CLIENT LIST/KILL)
 * and the command table (COMMAND).
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { AccessControl, type PubsubDefault } from './acl/access-control.js';
import { ClientEviction } from './client-eviction.js';
import { RecentPeaks } from './client-memory.js';
import { ClientPause } from './client-pause.js';
import type { Command } from './command.js';
import type { EncodingLimits } from './encoding-limits.js';
import { extraDefaults } from './extra-settings.js';
import { LatencyMonitor } from './latency-monitor.js';
import { MemoryTracker } from './memory-stats.js';
import { MigrateSockets } from './migrate-sockets.js';
import { DEFAULT_OUTPUT_LIMITS, formatOutputLimits, type OutputLimits } from './output-limits.js';
import type { Session } from './session.js';
import { Slowlog } from './slowlog.js';
import { ServerStats } from './stats.js';

/** The settings CONFIG GET reports and CONFIG SET may change. */
export interface ServerConfig extends EncodingLimits {
  port: number;
  bind: string;
  /** '' when the server listens on no Unix socket. */
  unixsocket: string;
  /** The socket file's mode (CONFIG GET writes it in octal); 0: the umask's. */
  unixsocketperm: number;
  requirepass: string;
  /**
   * yes: while the default user needs no password, only 127.0.0.1, ::1
   * and the Unix socket may connect (Redis's protected mode; server.ts).
   */
  'protected-mode': string;
  /**
   * What the `mini-redis-server` command prints: at notice (the default)
   * or below, its start and stop lines too; at warning, warnings only.
   * The library itself reports only warnings (onWarning).
   */
  loglevel: string;
  maxclients: number;
  timeout: number;
  /** Seconds a client's TCP connection may idle before keepalive probes (0: none; server.ts). */
  'tcp-keepalive': number;
  databases: number;
  'proto-max-bulk-len': number;
  'client-query-buffer-limit': number;
  /** As CONFIG GET writes it; the limits themselves are `ServerInfo#outputLimits` (output-limits.ts). */
  'client-output-buffer-limit': string;
  /** Where the RDB file lives (an absolute path; persistence.ts). */
  dir: string;
  /** The RDB file's name in `dir`. */
  dbfilename: string;
  /** Save points: "seconds changes ..." ("" for none; persistence.ts). */
  save: string;
  /**
   * 'yes' (Redis's default) or 'no': whether writes, and PING, are refused
   * with MISCONF while the last background save failed and save points are
   * set (persistence.ts).
   */
  'stop-writes-on-bgsave-error': 'yes' | 'no';
  /** 'yes' (Redis's default) or 'no': whether strings in RDB files, DUMP and FUNCTION DUMP payloads are LZF-compressed. */
  rdbcompression: 'yes' | 'no';
  /** Always 'yes': RDB files are written with their CRC-64 (Redis sets it at start only). */
  rdbchecksum: 'yes';
  appendonly: string;
  /** Keyspace notifications, as CONFIG GET writes them (keyspace-events.ts). */
  'notify-keyspace-events': string;
  /** Entries per stream node before a new one starts (0: no limit; stream.ts). */
  'stream-node-max-entries': number;
  /** Bytes per stream node's listpack before a new one starts (0: Redis's 1 GB cap). */
  'stream-node-max-bytes': number;
  /** The longest a sparse HyperLogLog may grow before it turns dense (hyperloglog.ts). */
  'hll-sparse-max-bytes': number;
  /** The most keys CLIENT TRACKING remembers (0: no limit; tracking.ts). */
  'tracking-table-max-keys': number;
  /** How long a script may run, in milliseconds, before it is stopped (0: no limit; scripts.ts). */
  'busy-reply-threshold': number;
  /** Microseconds from which a command is logged as slow (0: every one; -1: none; slowlog.ts). */
  'slowlog-log-slower-than': number;
  /** The most entries the slow log keeps. */
  'slowlog-max-len': number;
  /** Milliseconds from which the latency monitor samples an event (0: off; latency-monitor.ts). */
  'latency-monitor-threshold': number;
  /** 'yes' or 'no': whether each command's latencies are kept (INFO latencystats, LATENCY HISTOGRAM). */
  'latency-tracking': string;
  /** The percentiles INFO latencystats reports, as CONFIG GET writes them ("50 99 99.9"). */
  'latency-tracking-info-percentiles': string;
  /** Who may run DEBUG: 'no' (Redis's default), 'yes', or 'local' (loopback and Unix socket clients). */
  'enable-debug-command': 'no' | 'yes' | 'local';
  /** The ACL file (ACL LOAD and SAVE; '' for none), set at start only. */
  aclfile: string;
  /** The most entries ACL LOG keeps. */
  'acllog-max-len': number;
  /** The channels new ACL users and selectors start with: 'resetchannels' (none, Redis 7's default) or 'allchannels'. */
  'acl-pubsub-default': PubsubDefault;
  /**
   * The limit on the data in bytes, as Redis would hold it (key-eviction.ts);
   * 0, the default, for none.
   */
  maxmemory: number;
  /**
   * What happens at the limit: one of Redis's eviction policies
   * (noeviction by default: writes are refused with OOM). Inert, as in
   * Redis, while maxmemory is 0.
   */
  'maxmemory-policy': string;
  /**
   * The bound on all connections' memory together, as CONFIG GET writes
   * it: `0` (none, the default), bytes, or a percentage of maxmemory
   * (client-eviction.ts).
   */
  'maxmemory-clients': string;
  /** Keys drawn from each database per eviction by the LRU, LFU and TTL policies. */
  'maxmemory-samples': number;
  /** How long one round of eviction may take before the rest waits for the next (0 to 100). */
  'maxmemory-eviction-tenacity': number;
  /** How slowly an LFU counter grows with accesses (lfu.ts). */
  'lfu-log-factor': number;
  /** Minutes without an access that take one off an LFU counter (0: never). */
  'lfu-decay-time': number;
}

/** The memory limit settings' defaults, Redis's. */
export const MEMORY_LIMIT_DEFAULTS = {
  maxmemory: 0,
  'maxmemory-policy': 'noeviction',
  'maxmemory-clients': '0',
  'maxmemory-samples': 5,
  'maxmemory-eviction-tenacity': 10,
  'lfu-log-factor': 10,
  'lfu-decay-time': 1,
} as const satisfies Partial<ServerConfig>;

/** The ACL settings' defaults, Redis's. */
export const ACL_DEFAULTS = {
  aclfile: '',
  'acllog-max-len': 128,
  'acl-pubsub-default': 'resetchannels',
} as const satisfies Partial<ServerConfig>;

/** The statistics settings' defaults, Redis's (slow log, latency monitor and tracking). */
export const STATISTICS_DEFAULTS = {
  'slowlog-log-slower-than': 10_000,
  'slowlog-max-len': 128,
  'latency-monitor-threshold': 0,
  'latency-tracking': 'yes',
  'latency-tracking-info-percentiles': '50 99 99.9',
} as const satisfies Partial<ServerConfig>;

/** Settings that CONFIG SET may change while the server runs. */
export const MUTABLE_SETTINGS: ReadonlySet<keyof ServerConfig> = new Set([
  'port',
  'bind',
  'requirepass',
  'protected-mode',
  'loglevel',
  'maxclients',
  'timeout',
  'tcp-keepalive',
  'proto-max-bulk-len',
  'client-query-buffer-limit',
  'client-output-buffer-limit',
  // Protected too: enable-protected-configs says who may (commands/config.ts).
  'dir',
  'dbfilename',
  'save',
  'stop-writes-on-bgsave-error',
  'rdbcompression',
  'appendonly',
  'notify-keyspace-events',
  'stream-node-max-entries',
  'stream-node-max-bytes',
  'hll-sparse-max-bytes',
  'hash-max-listpack-entries',
  'hash-max-listpack-value',
  'set-max-intset-entries',
  'zset-max-listpack-entries',
  'zset-max-listpack-value',
  'list-max-listpack-size',
  'list-compress-depth',
  'tracking-table-max-keys',
  'busy-reply-threshold',
  'slowlog-log-slower-than',
  'slowlog-max-len',
  'latency-monitor-threshold',
  'latency-tracking',
  'latency-tracking-info-percentiles',
  'acllog-max-len',
  'acl-pubsub-default',
  'maxmemory',
  'maxmemory-policy',
  'maxmemory-clients',
  'maxmemory-samples',
  'maxmemory-eviction-tenacity',
  'lfu-log-factor',
  'lfu-decay-time',
]);

export class ServerInfo {
  readonly config: ServerConfig;
  /**
   * The commands by the names clients call them: the table's own names,
   * but for redis.conf's rename-command (`renameCommand`). Each keeps its
   * own `name`, which replies, statistics and the ACL use, as Redis uses
   * a command's fullname.
   */
  readonly commands: ReadonlyMap<string, Command>;
  /**
   * Every command under its lower- and upper-case name: clients send one or
   * the other, so the dispatcher usually needs no case conversion.
   */
  lookup: ReadonlyMap<string, Command>;
  readonly sessions = new Map<number, Session>();
  /** The output each class of connection may leave unread (client-output-buffer-limit). */
  outputLimits: OutputLimits;
  /**
   * Redis's settings beyond `config`, by name, as CONFIG GET writes them
   * (extra-settings.ts); CONFIG SET keeps them here.
   */
  readonly extraSettings = extraDefaults();
  /** maxmemory-clients: the bound on all connections' memory (client-eviction.ts). */
  readonly clientEviction = new ClientEviction(this);
  /** The largest input and output of the last seconds (INFO clients; client-memory.ts). */
  readonly recentPeaks = new RecentPeaks();
  /** CLIENT PAUSE's state, and the connections holding a command meanwhile. */
  readonly pause = new ClientPause();
  /** MIGRATE's cached connections to its targets. */
  readonly migrateSockets = new MigrateSockets();
  readonly startedAt = Date.now();
  readonly runId = randomBytes(20).toString('hex');
  /** The replication ID INFO reports (Redis makes one at start, apart from the run ID). */
  readonly replicationId = randomBytes(20).toString('hex');
  /** The version INFO and HELLO report. */
  readonly version = '7.0.15';
  totalConnections = 0;
  totalCommands = 0;
  rejectedConnections = 0;
  /** Per-command, per-error and keyspace statistics (INFO; CONFIG RESETSTAT clears them). */
  readonly stats = new ServerStats();
  /** Memory at startup and at its peak (INFO, MEMORY STATS and DOCTOR). */
  readonly memory = new MemoryTracker();
  /** SLOWLOG's entries. */
  readonly slowlog = new Slowlog();
  /** LATENCY's event samples. */
  readonly latency = new LatencyMonitor();
  /** The ACL's users, checks and log (ACL, AUTH, HELLO). */
  readonly acl: AccessControl;
  /**
   * The config file the settings were read from, an absolute path (INFO's
   * config_file; CONFIG REWRITE writes it); '' when there is none.
   */
  configFile = '';
  /** Told what Redis would log as a warning (createServer's onWarning; nothing by default). */
  warn: (message: string) => void = () => {};
  /** SHUTDOWN: closes the server gracefully (the Server sets it; a no-op on its own). */
  shutdown: () => void = () => {};
  /**
   * CONFIG SET maxclients: the accept loop's bound follows the new value
   * (the Server sets it; a no-op on its own).
   */
  maxclientsChanged: (maxclients: number) => void = () => {};
  /**
   * CONFIG SET port or bind: the TCP listeners move to the new settings
   * (the Server sets it; resolves at once on its own). Rejects with the
   * listen error, none left listening.
   */
  relisten: () => Promise<void> = () => Promise.resolve();
  #nextClientId = 1;

  /** `outputLimits`: Redis's defaults when not given; `config` is made to say them. */
  constructor(
    config: ServerConfig,
    commands: ReadonlyMap<string, Command>,
    outputLimits: OutputLimits = DEFAULT_OUTPUT_LIMITS,
  ) {
    this.config = config;
    this.outputLimits = outputLimits;
    config['client-output-buffer-limit'] = formatOutputLimits(outputLimits);
    // A copy: rename-command changes this server's table only.
    this.commands = new Map(commands);
    this.acl = new AccessControl(config.requirepass);
    this.acl.allChannelsDefault = config['acl-pubsub-default'] === 'allchannels';
    this.lookup = lookupOf(this.commands);
  }

  /**
   * redis.conf's rename-command: the command called `from` is called `to`
   * from now on, and `from` is unknown; `to` '' removes it. As in Redis,
   * it applies to clients and scripts alike, and the command keeps its
   * own name in replies, statistics and ACL rules. Names are
   * case-insensitive.
   *
   * @throws Error with Redis's reason ("No such command in
   *   rename-command", "Target command name already exists").
   */
  renameCommand(from: string, to: string): void {
    const commands = this.commands as Map<string, Command>;
    const old = from.toLowerCase();
    const command = commands.get(old);
    if (command === undefined) throw new Error('No such command in rename-command');
    const renamed = to.toLowerCase();
    if (renamed !== '' && renamed !== old && commands.has(renamed))
      throw new Error('Target command name already exists');
    commands.delete(old);
    if (renamed !== '') commands.set(renamed, command);
    this.lookup = lookupOf(commands);
  }

  nextClientId(): number {
    return this.#nextClientId++;
  }
}

// Every command under its lower- and upper-case name (ServerInfo#lookup).
function lookupOf(commands: ReadonlyMap<string, Command>): Map<string, Command> {
  const lookup = new Map<string, Command>();
  for (const [name, command] of commands) {
    lookup.set(name, command);
    lookup.set(name.toUpperCase(), command);
  }
  return lookup;
}
