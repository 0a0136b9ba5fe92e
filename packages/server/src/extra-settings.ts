/**
 * Redis 7.0's settings beyond `ServerConfig`'s: the ones for what this
 * server does not have (replication, cluster mode, the append-only file,
 * TLS, I/O threads, the allocator's defragmentation, syslog) and a few for
 * the process around it. A redis.conf names many of them, and client
 * libraries and test suites read and set some (`CONFIG SET appendfsync
 * no`, `CONFIG GET hz`), so each is kept as CONFIG GET writes it, from
 * Redis 7.0's default, and checked as CONFIG SET checks it: the same
 * types, ranges, words and error texts (measured against redis-server
 * 7.0.15), immutable where Redis's is.
 *
 * Most have nothing to act on here and only say so when asked. A few are
 * read where they apply: `tcp-backlog` by `listen()`, and `pidfile`,
 * `logfile` and `shutdown-on-sigint`/`-sigterm` by the mini-redis-server
 * command (main.ts). A value that would promise what this server cannot
 * do (`daemonize yes`, `cluster-enabled yes`, `replicaof host port`,
 * `tls-port 6380`, `min-replicas-to-write 1`, ...) is refused with the
 * reason, as `appendonly yes` is (commands/config.ts): accepting it would
 * say the server does something it does not.
 *
 * @module
 */

import { toInteger } from './internal/args.js';
import { memoryValue } from './internal/memory-value.js';

/** A value as CONFIG GET writes it, or why CONFIG SET refuses it. */
export type SettingCheck = { value: string; reason?: never } | { reason: string; value?: never };

/**
 * How CONFIG REWRITE writes a setting into the config file, as Redis's
 * rewrite function for its type does (config-rewrite.ts): `plain`, the
 * value as CONFIG GET writes it (numbers, yes/no, words); `memory`, bytes
 * with the largest unit that divides them (`1mb`); `quoted`, a string in
 * double quotes; `quoted-unless-empty`, the same, but no line at all when
 * empty (Redis keeps such a string as NULL); `never`, no line (replicaof,
 * on a server that is no replica).
 */
export type RewriteForm = 'plain' | 'memory' | 'quoted' | 'quoted-unless-empty' | 'never';

/** One of Redis's settings kept here: see the module comment. */
export interface ExtraSetting {
  /** Redis 7.0's default, as CONFIG GET writes it. */
  readonly default: string;
  /** False where Redis's is immutable: set at start only (redis.conf, the command line, `settings`). */
  readonly mutable: boolean;
  /** How CONFIG REWRITE writes it. */
  readonly rewrite: RewriteForm;
  /** The value as CONFIG GET will write it, or CONFIG SET's reason to refuse it. */
  check(text: string): SettingCheck;
}

// Redis's own texts for a value of the wrong kind.
const NOT_YES_NO = "argument must be 'yes' or 'no'";
const NOT_INTEGER = "argument couldn't be parsed into an integer";
const NOT_MEMORY = 'argument must be a memory value';

function yesNo(defaultValue: 'yes' | 'no', mutable: boolean, refuseYes?: string): ExtraSetting {
  return {
    default: defaultValue,
    mutable,
    rewrite: 'plain',
    check(text) {
      const value = text.toLowerCase();
      if (value !== 'yes' && value !== 'no') return { reason: NOT_YES_NO };
      if (value === 'yes' && refuseYes !== undefined) return { reason: refuseYes };
      return { value };
    },
  };
}

// An integer within [min, max], as Redis's numeric settings read it
// (string2ll); `refuse` may turn some in-range values down.
function integer(
  defaultValue: number,
  min: bigint,
  max: bigint,
  mutable: boolean,
  refuse?: (value: bigint) => string | undefined,
): ExtraSetting {
  return {
    default: String(defaultValue),
    mutable,
    rewrite: 'plain',
    check(text) {
      const parsed = toInteger(text);
      if (parsed === undefined) return { reason: NOT_INTEGER };
      const value = BigInt(parsed);
      if (value < min || value > max)
        return { reason: `argument must be between ${min} and ${max} inclusive` };
      const refused = refuse?.(value);
      return refused === undefined ? { value: value.toString() } : { reason: refused };
    },
  };
}

// `atLeast`: a smaller value in range is raised to it, as Redis raises
// repl-backlog-size to 16 KiB (resizeReplicationBacklog).
function memory(defaultValue: number, min: bigint, max: bigint, atLeast = min): ExtraSetting {
  return {
    default: String(defaultValue),
    mutable: true,
    rewrite: 'memory',
    check(text) {
      const value = memoryValue(text);
      if (value === undefined) return { reason: NOT_MEMORY };
      if (value < min || value > max)
        return { reason: `argument must be between ${min} and ${max} inclusive` };
      // bigints: Math.max does not take them.
      if (value < atLeast) return { value: atLeast.toString() };
      return { value: value.toString() };
    },
  };
}

function oneOf(
  words: readonly string[],
  defaultValue: string,
  mutable: boolean,
  refuse?: Readonly<Record<string, string>>,
): ExtraSetting {
  return {
    default: defaultValue,
    mutable,
    rewrite: 'plain',
    check(text) {
      const value = text.toLowerCase();
      if (!words.includes(value))
        return { reason: `argument(s) must be one of the following: ${words.join(', ')}` };
      const refused = refuse?.[value];
      return refused === undefined ? { value } : { reason: refused };
    },
  };
}

// A string as Redis keeps its string settings: a C string, so a NUL
// ends it (masterauth, an sds, keeps every byte: binaryText).
function text(
  defaultValue: string,
  mutable: boolean,
  refuse?: (value: string) => string | undefined,
): ExtraSetting {
  return {
    default: defaultValue,
    mutable,
    rewrite: 'quoted',
    check(given) {
      const nul = given.indexOf('\0');
      const value = nul === -1 ? given : given.slice(0, nul);
      const refused = refuse?.(value);
      return refused === undefined ? { value } : { reason: refused };
    },
  };
}

// A string Redis keeps as NULL when empty (EMPTY_STRING_IS_NULL, no
// default): CONFIG GET writes it as '', and CONFIG REWRITE leaves it out.
function optionalText(
  mutable: boolean,
  refuse?: (value: string) => string | undefined,
): ExtraSetting {
  return { ...text('', mutable, refuse), rewrite: 'quoted-unless-empty' };
}

// A string Redis keeps as an sds (every byte, NULs too), NULL when empty.
function binaryText(mutable: boolean): ExtraSetting {
  return { ...optionalText(mutable), check: (value) => ({ value }) };
}

// hz as Redis keeps it (updateHZ): below 1 it is 1, above 500 it is 500,
// and CONFIG GET shows what it became.
function hz(): ExtraSetting {
  const base = integer(10, 0n, 2147483647n, true);
  return {
    ...base,
    check(text) {
      const checked = base.check(text);
      if (checked.value === undefined) return checked;
      return { value: String(Math.min(500, Math.max(1, Number(checked.value)))) };
    },
  };
}

// shutdown-on-sigint and -sigterm: words of a set, written back in this
// order, `default` when none is left (it is no flag of its own).
const SHUTDOWN_FLAGS = ['default', 'save', 'nosave', 'now', 'force'] as const;

function shutdownFlags(): ExtraSetting {
  return {
    default: 'default',
    mutable: true,
    rewrite: 'plain',
    check(value) {
      const given = new Set<string>();
      for (const word of value.split(' ')) {
        const flag = word.toLowerCase();
        if (!(SHUTDOWN_FLAGS as readonly string[]).includes(flag))
          return {
            reason: `argument(s) must be one of the following: ${SHUTDOWN_FLAGS.join(', ')}`,
          };
        given.add(flag);
      }
      if (given.has('save') && given.has('nosave'))
        return { reason: "shutdown options SAVE and NOSAVE can't be used simultaneously" };
      const flags = SHUTDOWN_FLAGS.filter((flag) => flag !== 'default' && given.has(flag));
      return { value: flags.length === 0 ? 'default' : flags.join(' ') };
    },
  };
}

/** What a shutdown-on-sigint/-sigterm value asks of a signal's shutdown. */
export interface ShutdownFlags {
  /** true: save even without save points; false: never; undefined: as the save points say. */
  readonly save: boolean | undefined;
  /** Exit cleanly even when the final save fails. */
  readonly force: boolean;
}

/** Reads a shutdown-on-sigint/-sigterm value (as CONFIG GET writes it). */
export function shutdownFlagsOf(value: string): ShutdownFlags {
  const words = value.split(' ');
  const save = words.includes('save') ? true : words.includes('nosave') ? false : undefined;
  return { save, force: words.includes('force') };
}

// Redis's sdstemplate over the proc title's variables: `{name}` for a
// variable, `{{` for a brace; valid when every name is known and the
// result, with an empty title, is not blank (validateProcTitleTemplate).
const TITLE_VARIABLES = new Set([
  'title',
  'listen-addr',
  'server-mode',
  'port',
  'tls-port',
  'unixsocket',
  'config-file',
]);

const NEVER_EMPTY = new Set(['listen-addr', 'port', 'tls-port']);

function procTitleTemplateProblem(template: string): string | undefined {
  const invalid = 'template format is invalid or contains unknown variables';
  let expanded = '';
  for (let i = 0; i < template.length; ) {
    const open = template.indexOf('{', i);
    if (open === -1) {
      expanded += template.slice(i);
      break;
    }
    expanded += template.slice(i, open);
    if (template[open + 1] === '{') {
      expanded += '{';
      i = open + 2;
      continue;
    }
    const close = template.indexOf('}', open);
    if (close === -1 || !TITLE_VARIABLES.has(template.slice(open + 1, close))) return invalid;
    // Only whether the result is blank matters: the address and the
    // ports are never empty; the title is, when checked, and the rest
    // may be.
    if (NEVER_EMPTY.has(template.slice(open + 1, close))) expanded += '*';
    i = close + 1;
  }
  return expanded.trim() === '' ? invalid : undefined;
}

// oom-score-adj-values: three integers of -2000 to 2000 (Redis's texts).
function oomScoreValuesProblem(value: string): string | undefined {
  const words = value.split(' ');
  if (words.length !== 3) return 'wrong number of arguments';
  for (const word of words) {
    const n = toInteger(word);
    if (n === undefined || n < -2000 || n > 2000)
      return 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.';
  }
  return undefined;
}

// appendfilename and appenddirname: a name, not a path (Redis's texts).
function baseNameProblem(setting: string, kind: string): (value: string) => string | undefined {
  return (value) => {
    if (value === '') return `${setting} can't be empty`;
    if (value.includes('/')) return `${setting} can't be a path, just a ${kind}`;
    return undefined;
  };
}

// The refusals of this server's own: see the module comment.
const NO_REPLICATION = 'this server does not replicate (no replicas, no replicaof)';
const NO_DAEMON =
  'mini-redis-server does not daemonize; run it under a process manager (systemd, docker, pm2)';

const HOSTNAME = /^[A-Za-z0-9.-]*$/;

/**
 * The settings, by Redis's name. Aliases (Redis 6's "slave" names) are
 * in EXTRA_ALIASES.
 */
export const EXTRA_SETTINGS: ReadonlyMap<string, ExtraSetting> = new Map<string, ExtraSetting>([
  // The process.
  ['daemonize', yesNo('no', false, NO_DAEMON)],
  [
    'supervised',
    oneOf(['upstart', 'systemd', 'auto', 'no'], 'no', false, {
      upstart: 'this server does not notify a supervisor; use supervised no',
      systemd: 'this server does not notify a supervisor; use supervised no',
    }),
  ],
  ['pidfile', optionalText(false)],
  ['logfile', text('', false)],
  ['syslog-enabled', yesNo('no', false, 'this server does not log to syslog; use logfile')],
  ['syslog-ident', text('redis', false)],
  [
    'syslog-facility',
    oneOf(
      ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'],
      'local0',
      false,
    ),
  ],
  ['always-show-logo', yesNo('no', false)],
  ['set-proc-title', yesNo('yes', false)],
  [
    'proc-title-template',
    text('{title} {listen-addr} {server-mode}', true, procTitleTemplateProblem),
  ],
  ['tcp-backlog', integer(511, 0n, 2147483647n, false)],
  ['socket-mark-id', integer(0, 0n, 4294967295n, false)],
  ['bind-source-addr', optionalText(true)],
  ['shutdown-on-sigint', shutdownFlags()],
  ['shutdown-on-sigterm', shutdownFlags()],
  ['shutdown-timeout', integer(10, 0n, 2147483647n, true)],
  ['crash-log-enabled', yesNo('yes', true)],
  ['crash-memcheck-enabled', yesNo('yes', true)],
  ['ignore-warnings', text('', true)],
  ['enable-protected-configs', oneOf(['no', 'yes', 'local'], 'no', false)],
  ['enable-module-command', oneOf(['no', 'yes', 'local'], 'no', false)],
  ['oom-score-adj', oneOf(['no', 'yes', 'relative', 'absolute'], 'no', true)],
  ['oom-score-adj-values', { ...text('0 200 800', true, oomScoreValuesProblem), rewrite: 'plain' }],
  ['disable-thp', yesNo('yes', false)],
  ['server_cpulist', optionalText(false)],
  ['bio_cpulist', optionalText(false)],
  ['aof_rewrite_cpulist', optionalText(false)],
  ['bgsave_cpulist', optionalText(false)],
  ['io-threads', integer(1, 1n, 128n, false)],
  ['io-threads-do-reads', yesNo('no', false)],
  // The event loop's pace and the allocator.
  ['hz', hz()],
  ['dynamic-hz', yesNo('yes', true)],
  ['active-expire-effort', integer(1, 1n, 10n, true)],
  ['activerehashing', yesNo('yes', true)],
  ['jemalloc-bg-thread', yesNo('yes', true)],
  // Redis's own text where its allocator is not the one it ships (Debian's).
  [
    'activedefrag',
    yesNo(
      'no',
      true,
      'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution',
    ),
  ],
  ['active-defrag-cycle-min', integer(1, 1n, 99n, true)],
  ['active-defrag-cycle-max', integer(25, 1n, 99n, true)],
  ['active-defrag-ignore-bytes', memory(104857600, 1n, 9223372036854775807n)],
  ['active-defrag-max-scan-fields', integer(1000, 1n, 9223372036854775807n, true)],
  ['active-defrag-threshold-lower', integer(10, 0n, 1000n, true)],
  ['active-defrag-threshold-upper', integer(100, 0n, 1000n, true)],
  // Freeing is synchronous here; the lazyfree settings only say how Redis would.
  ['lazyfree-lazy-eviction', yesNo('no', true)],
  ['lazyfree-lazy-expire', yesNo('no', true)],
  ['lazyfree-lazy-server-del', yesNo('no', true)],
  ['lazyfree-lazy-user-del', yesNo('no', true)],
  ['lazyfree-lazy-user-flush', yesNo('no', true)],
  ['sanitize-dump-payload', oneOf(['no', 'yes', 'clients'], 'no', true)],
  ['propagation-error-behavior', oneOf(['ignore', 'panic', 'panic-on-replicas'], 'ignore', true)],
  // Persistence: RDB only (appendonly stays no), so the AOF's settings
  // and the RDB's fsync choices are kept as said.
  ['appendfilename', text('appendonly.aof', false, baseNameProblem('appendfilename', 'filename'))],
  ['appenddirname', text('appendonlydir', false, baseNameProblem('appenddirname', 'dirname'))],
  ['appendfsync', oneOf(['everysec', 'always', 'no'], 'everysec', true)],
  ['no-appendfsync-on-rewrite', yesNo('no', true)],
  ['auto-aof-rewrite-percentage', integer(100, 0n, 2147483647n, true)],
  ['auto-aof-rewrite-min-size', memory(67108864, 0n, 9223372036854775807n)],
  ['aof-load-truncated', yesNo('yes', true)],
  ['aof-use-rdb-preamble', yesNo('yes', true)],
  ['aof-rewrite-incremental-fsync', yesNo('yes', true)],
  ['aof-timestamp-enabled', yesNo('no', true)],
  ['aof-disable-auto-gc', yesNo('no', true)],
  ['rdb-save-incremental-fsync', yesNo('yes', true)],
  ['rdb-del-sync-files', yesNo('no', true)],
  // Replication: none.
  [
    'replicaof',
    {
      ...text('', false, (value) =>
        value === '' || value.toLowerCase() === 'no one' ? undefined : NO_REPLICATION,
      ),
      rewrite: 'never',
    },
  ],
  ['masterauth', binaryText(true)],
  ['masteruser', optionalText(true)],
  ['replica-serve-stale-data', yesNo('yes', true)],
  ['replica-read-only', yesNo('yes', true)],
  ['replica-ignore-maxmemory', yesNo('yes', true)],
  ['replica-lazy-flush', yesNo('no', true)],
  ['replica-priority', integer(100, 0n, 2147483647n, true)],
  ['replica-announced', yesNo('yes', true)],
  ['replica-announce-ip', optionalText(true)],
  ['replica-announce-port', integer(0, 0n, 65535n, true)],
  ['replica-ignore-disk-write-errors', yesNo('no', true)],
  ['repl-backlog-size', memory(1048576, 1n, 9223372036854775807n, 16384n)],
  ['repl-backlog-ttl', integer(3600, 0n, 9223372036854775807n, true)],
  ['repl-diskless-sync', yesNo('yes', true)],
  ['repl-diskless-sync-delay', integer(5, 0n, 2147483647n, true)],
  ['repl-diskless-sync-max-replicas', integer(0, 0n, 2147483647n, true)],
  ['repl-diskless-load', oneOf(['disabled', 'on-empty-db', 'swapdb'], 'disabled', true)],
  ['repl-disable-tcp-nodelay', yesNo('no', true)],
  ['repl-ping-replica-period', integer(10, 1n, 2147483647n, true)],
  ['repl-timeout', integer(60, 1n, 2147483647n, true)],
  // With no replica, Redis refuses every write under this (NOREPLICAS).
  [
    'min-replicas-to-write',
    integer(0, 0n, 2147483647n, true, (value) =>
      value === 0n ? undefined : `${NO_REPLICATION}, so every write would be refused`,
    ),
  ],
  ['min-replicas-max-lag', integer(10, 0n, 2147483647n, true)],
  // Cluster mode: none.
  ['cluster-enabled', yesNo('no', false, 'this server does not run in cluster mode')],
  ['cluster-config-file', text('nodes.conf', false)],
  ['cluster-port', integer(0, 0n, 65535n, false)],
  ['cluster-node-timeout', integer(15000, 0n, 9223372036854775807n, true)],
  ['cluster-migration-barrier', integer(1, 0n, 2147483647n, true)],
  ['cluster-replica-validity-factor', integer(10, 0n, 2147483647n, true)],
  ['cluster-replica-no-failover', yesNo('no', true)],
  ['cluster-require-full-coverage', yesNo('yes', true)],
  ['cluster-allow-reads-when-down', yesNo('no', true)],
  ['cluster-allow-pubsubshard-when-down', yesNo('yes', true)],
  ['cluster-allow-replica-migration', yesNo('yes', true)],
  ['cluster-announce-ip', optionalText(true)],
  [
    'cluster-announce-hostname',
    optionalText(true, (value) =>
      HOSTNAME.test(value)
        ? undefined
        : 'Hostnames may only contain alphanumeric characters, hyphens or dots',
    ),
  ],
  ['cluster-announce-port', integer(0, 0n, 65535n, true)],
  ['cluster-announce-bus-port', integer(0, 0n, 65535n, true)],
  ['cluster-announce-tls-port', integer(0, 0n, 65535n, true)],
  ['cluster-preferred-endpoint-type', oneOf(['ip', 'hostname', 'unknown-endpoint'], 'ip', true)],
  ['cluster-link-sendbuf-limit', memory(0, 0n, 18446744073709551615n)],
  // TLS: none (the files may be named; no TLS port may be opened).
  [
    'tls-port',
    integer(0, 0n, 65535n, true, (value) =>
      value === 0n ? undefined : 'this server does not serve TLS; put a TLS proxy in front of it',
    ),
  ],
  ['tls-cert-file', optionalText(true)],
  ['tls-key-file', optionalText(true)],
  ['tls-key-file-pass', optionalText(true)],
  ['tls-client-cert-file', optionalText(true)],
  ['tls-client-key-file', optionalText(true)],
  ['tls-client-key-file-pass', optionalText(true)],
  ['tls-dh-params-file', optionalText(true)],
  ['tls-ca-cert-file', optionalText(true)],
  ['tls-ca-cert-dir', optionalText(true)],
  ['tls-protocols', optionalText(true)],
  ['tls-ciphers', optionalText(true)],
  ['tls-ciphersuites', optionalText(true)],
  ['tls-auth-clients', oneOf(['no', 'yes', 'optional'], 'yes', true)],
  ['tls-replication', yesNo('no', true)],
  ['tls-cluster', yesNo('no', true)],
  ['tls-prefer-server-ciphers', yesNo('no', true)],
  ['tls-session-caching', yesNo('yes', true)],
  ['tls-session-cache-size', integer(20480, 0n, 2147483647n, true)],
  ['tls-session-cache-timeout', integer(300, 0n, 2147483647n, true)],
]);

/** Redis 6's names that Redis 7.0 still answers to, and the setting each is. */
export const EXTRA_ALIASES: ReadonlyMap<string, string> = new Map([
  ['slaveof', 'replicaof'],
  ['slave-serve-stale-data', 'replica-serve-stale-data'],
  ['slave-read-only', 'replica-read-only'],
  ['slave-ignore-maxmemory', 'replica-ignore-maxmemory'],
  ['slave-lazy-flush', 'replica-lazy-flush'],
  ['slave-priority', 'replica-priority'],
  ['slave-announce-ip', 'replica-announce-ip'],
  ['slave-announce-port', 'replica-announce-port'],
  ['repl-ping-slave-period', 'repl-ping-replica-period'],
  ['min-slaves-to-write', 'min-replicas-to-write'],
  ['min-slaves-max-lag', 'min-replicas-max-lag'],
  ['cluster-slave-validity-factor', 'cluster-replica-validity-factor'],
  ['cluster-slave-no-failover', 'cluster-replica-no-failover'],
]);

/** The setting `name` (lower case) stands for here, itself or by its alias. */
export function extraSettingNamed(name: string): string | undefined {
  if (EXTRA_SETTINGS.has(name)) return name;
  return EXTRA_ALIASES.get(name);
}

/** Every setting at its default: a server's starting values. */
export function extraDefaults(): Map<string, string> {
  return new Map([...EXTRA_SETTINGS].map(([name, setting]) => [name, setting.default]));
}
