/**
 * CONFIG: reads and changes the server's settings. REWRITE writes them
 * back into the config file the server was started with
 * (config-rewrite.ts); without one it answers as redis-server does.
 *
 * ```text
 * CONFIG GET parameter [parameter ...] | CONFIG SET parameter value [parameter value ...]
 *   | CONFIG RESETSTAT | CONFIG REWRITE | CONFIG HELP
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type RequestArgs, splitInlineArgs } from '@mini-redis/resp';
import { clientEvictionLimit } from '../client-eviction.js';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { currentSettings, rewriteConfigFile } from '../config-rewrite.js';
import type { Db } from '../db.js';
import { CommandError, Replies } from '../errors.js';
import { EXTRA_ALIASES, EXTRA_SETTINGS, extraSettingNamed } from '../extra-settings.js';
import { quoted, toInteger } from '../internal/args.js';
import { bytesOf, pathBytes, textOf } from '../internal/byte-strings.js';
import { strerror } from '../internal/fs-errors.js';
import { globMatch } from '../internal/glob.js';
import { replyHelp } from '../internal/help.js';
import { memoryValue } from '../internal/memory-value.js';
import { protectedActionAllowed } from '../internal/protected-action.js';
import { parseScore } from '../internal/scores.js';
import {
  formatKeyspaceEvents,
  INVALID_EVENT_CLASS,
  parseKeyspaceEvents,
} from '../keyspace-events.js';
import { formatOutputLimits, type OutputLimits, parseOutputLimits } from '../output-limits.js';
import { parseSavePoints } from '../persistence.js';
import { MUTABLE_SETTINGS, type ServerConfig, type ServerInfo } from '../server-info.js';
import type { Session } from '../session.js';
import { formatPercentile } from '../stats.js';

// Numeric settings set past 2^53, as CONFIG SET was given them: the
// configuration holds numbers, which would print such a value rounded.
const exactNumbers = new WeakMap<ServerConfig, Map<keyof ServerConfig, string>>();

/**
 * A setting as CONFIG GET writes it: a number set past 2^53 as it was
 * given (INFO's maxmemory lines need it too), a file mode in octal, as
 * Redis's OCTAL_CONFIG settings are.
 */
export function settingText(name: keyof ServerConfig, config: ServerConfig): string {
  const value = config[name];
  const exact = exactNumbers.get(config)?.get(name);
  // Unless something else has changed the setting since.
  if (exact !== undefined && Number(exact) === value) return exact;
  return name === 'unixsocketperm' ? (value as number).toString(8) : String(value);
}

// Redis 6's names for the encoding settings and the script time limit,
// which Redis 7.0 still answers to: CONFIG GET lists them beside the new
// names, and CONFIG SET of one changes the setting it names.
const ALIASES: Readonly<Record<string, keyof ServerConfig>> = {
  'lua-time-limit': 'busy-reply-threshold',
  'hash-max-ziplist-entries': 'hash-max-listpack-entries',
  'hash-max-ziplist-value': 'hash-max-listpack-value',
  'zset-max-ziplist-entries': 'zset-max-listpack-entries',
  'zset-max-ziplist-value': 'zset-max-listpack-value',
  'list-max-ziplist-size': 'list-max-listpack-size',
};

// The setting `name` (lower case) stands for, itself or by its alias.
export function settingNamed(config: ServerConfig, name: string): keyof ServerConfig | undefined {
  const setting = Object.hasOwn(ALIASES, name) ? ALIASES[name]! : name;
  return Object.hasOwn(config, setting) ? (setting as keyof ServerConfig) : undefined;
}

// The setting a config file's (lower-case) word names, itself or by its
// alias: ServerConfig's or an extra one.
function canonicalSetting(config: ServerConfig, word: string): string | undefined {
  return settingNamed(config, word) ?? extraSettingNamed(word);
}

// CONFIG REWRITE (config-rewrite.ts), with Redis's replies: no file, or
// the file system's reason it could not be written.
function rewrite(context: CommandContext): void {
  const server = context.server;
  if (server.configFile === '')
    throw new CommandError('ERR The server is running without a config file');
  const settings = currentSettings(
    server,
    (name) => settingText(name, server.config),
    context.db.persistence.enabled,
  );
  try {
    rewriteConfigFile(server.configFile, settings, (word) => canonicalSetting(server.config, word));
  } catch (error) {
    server.warn(`CONFIG REWRITE failed: ${strerror(error)}`);
    throw new CommandError(`ERR Rewriting config file: ${strerror(error)}`);
  }
  context.reply.ok();
}

// A setting's value as CONFIG GET writes it, by its (lower-case) name or
// alias: ServerConfig's or an extra one; undefined for no setting.
function currentValue(server: ServerInfo, name: string): string | undefined {
  const setting = settingNamed(server.config, name);
  if (setting !== undefined) return settingText(setting, server.config);
  const other = extraSettingNamed(name);
  return other === undefined ? undefined : server.extraSettings.get(other);
}

function get(context: CommandContext, args: RequestArgs): void {
  const config = context.server.config;
  // Reply name → value; names already taken, in lower case, so a setting
  // asked for twice (in any case) is listed once, as Redis's
  // case-insensitive dictionary of matches does.
  const found = new Map<string, string>();
  const taken = new Set<string>();
  const names = [
    ...Object.keys(config),
    ...Object.keys(ALIASES),
    ...EXTRA_SETTINGS.keys(),
    ...EXTRA_ALIASES.keys(),
  ];
  const settingValue = (name: string) => currentValue(context.server, name);
  for (let i = 2; i < args.length; i++) {
    const text = args.latin1(i);
    if (!/[[*?]/.test(text)) {
      // A plain name is looked up, and named in the reply as it was asked
      // for (`CONFIG GET TIMEOUT` replies TIMEOUT), as in Redis 7.0.
      const name = text.toLowerCase();
      const value = settingValue(name);
      if (!taken.has(name) && value !== undefined) {
        taken.add(name);
        found.set(text, value);
      }
      continue;
    }
    const pattern = text.toLowerCase();
    for (const name of names) {
      if (taken.has(name) || !globMatch(pattern, name)) continue;
      taken.add(name);
      found.set(name, settingValue(name)!);
    }
  }
  const reply = context.reply;
  reply.mapHeader(found.size);
  for (const [name, value] of found) {
    reply.bulk(name);
    // Values are kept one character per byte (CONFIG SET's latin1): the
    // same bytes go back, not their UTF-8.
    reply.bulk(Buffer.from(value, 'latin1'));
  }
}

// The numeric settings' ranges, as Redis declares them (config.c): the
// bounds are part of its error text.
const NUMERIC_BOUNDS: Partial<
  Record<keyof ServerConfig, { min: bigint; max: bigint; memory: boolean }>
> = {
  maxclients: { min: 1n, max: 4294967295n, memory: false },
  timeout: { min: 0n, max: 2147483647n, memory: false },
  'tcp-keepalive': { min: 0n, max: 2147483647n, memory: false },
  'proto-max-bulk-len': { min: 1048576n, max: 9223372036854775807n, memory: true },
  'client-query-buffer-limit': { min: 1048576n, max: 9223372036854775807n, memory: true },
  port: { min: 0n, max: 65535n, memory: false },
  databases: { min: 1n, max: 2147483647n, memory: false },
  'stream-node-max-entries': { min: 0n, max: 9223372036854775807n, memory: false },
  'stream-node-max-bytes': { min: 0n, max: 9223372036854775807n, memory: true },
  'hll-sparse-max-bytes': { min: 0n, max: 9223372036854775807n, memory: true },
  'hash-max-listpack-entries': { min: 0n, max: 9223372036854775807n, memory: false },
  'hash-max-listpack-value': { min: 0n, max: 9223372036854775807n, memory: true },
  'set-max-intset-entries': { min: 0n, max: 9223372036854775807n, memory: false },
  'zset-max-listpack-entries': { min: 0n, max: 9223372036854775807n, memory: false },
  'zset-max-listpack-value': { min: 0n, max: 9223372036854775807n, memory: true },
  'list-max-listpack-size': { min: -2147483648n, max: 2147483647n, memory: false },
  'list-compress-depth': { min: 0n, max: 2147483647n, memory: false },
  'tracking-table-max-keys': { min: 0n, max: 9223372036854775807n, memory: false },
  'busy-reply-threshold': { min: 0n, max: 9223372036854775807n, memory: false },
  'slowlog-log-slower-than': { min: -1n, max: 9223372036854775807n, memory: false },
  'slowlog-max-len': { min: 0n, max: 9223372036854775807n, memory: false },
  'latency-monitor-threshold': { min: 0n, max: 9223372036854775807n, memory: false },
  'acllog-max-len': { min: 0n, max: 9223372036854775807n, memory: false },
  maxmemory: { min: 0n, max: 18446744073709551615n, memory: true },
  'maxmemory-samples': { min: 1n, max: 2147483647n, memory: false },
  'maxmemory-eviction-tenacity': { min: 0n, max: 100n, memory: false },
  'lfu-log-factor': { min: 0n, max: 2147483647n, memory: false },
  'lfu-decay-time': { min: 0n, max: 2147483647n, memory: false },
};

// The settings key eviction applies when they change (key-eviction.ts).
const KEY_EVICTION_SETTINGS: ReadonlySet<string> = new Set([
  'maxmemory',
  'maxmemory-policy',
  'lfu-log-factor',
  'lfu-decay-time',
]);

// Settings that take one of a few words, in Redis's order for its error text.
const ENUM_SETTINGS: Partial<Record<keyof ServerConfig, readonly string[]>> = {
  'acl-pubsub-default': ['allchannels', 'resetchannels'],
  loglevel: ['debug', 'verbose', 'notice', 'warning'],
  'maxmemory-policy': [
    'volatile-lru',
    'volatile-lfu',
    'volatile-random',
    'volatile-ttl',
    'allkeys-lru',
    'allkeys-lfu',
    'allkeys-random',
    'noeviction',
  ],
};

/** CONFIG SET appendonly yes's reason: the server persists with RDB snapshots only. */
export const APPENDONLY_UNSUPPORTED =
  'this server writes no append-only file; it persists with RDB snapshots (save points, SAVE, BGSAVE)';

// rdbchecksum no's reason.
const RDBCHECKSUM_ALWAYS = 'this server always writes RDB files with their CRC-64 checksum';

// Settings that are yes or no.
const BOOLEAN_SETTINGS: ReadonlySet<keyof ServerConfig> = new Set([
  'protected-mode',
  'latency-tracking',
  'stop-writes-on-bgsave-error',
  'rdbcompression',
]);

const PERCENT_TOO_HIGH = 'too high';

// maxmemory-clients: a memory value, or a whole percentage of maxmemory
// of at most 100 (digits as Redis's string2ll reads them: no sign, no
// leading zero). Returns it as CONFIG GET writes it (`0%` is `0`), or
// PERCENT_TOO_HIGH, or undefined when it is neither.
function parseClientMemoryLimit(text: string): string | undefined {
  if (text.endsWith('%')) {
    const digits = text.slice(0, -1);
    if (!/^(0|[1-9][0-9]{0,18})$/.test(digits) || BigInt(digits) > 9223372036854775807n)
      return undefined;
    const percent = Number(digits);
    if (percent > 100) return PERCENT_TOO_HIGH;
    return percent === 0 ? '0' : `${percent}%`;
  }
  const bytes = memoryValue(text);
  if (bytes === undefined || bytes > 9223372036854775807n) return undefined;
  return bytes.toString();
}

// latency-tracking-info-percentiles: numbers split as sdssplitargs splits
// (the empty text is none), each read as Redis's string2d and within
// [0, 100]; Redis's reason when one is not.
function parsePercentiles(text: string): number[] | string {
  const words = splitInlineArgs(Buffer.from(text, 'latin1'));
  if (words === null) return 'Invalid latency-tracking-info-percentiles parameters';
  const percentiles: number[] = [];
  for (const word of words) {
    const value = parseScore(word.toString('latin1'));
    if (value === undefined) return 'Invalid latency-tracking-info-percentiles parameters';
    if (value > 100 || value < 0)
      return 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]';
    percentiles.push(value);
  }
  return percentiles;
}

function set(context: CommandContext, args: RequestArgs): void {
  const pairs: [string, string][] = [];
  for (let i = 2; i < args.length; i += 2) pairs.push([args.latin1(i), args.latin1(i + 1)]);
  const server = context.server;
  const { bind, port } = server.config;
  // The batch's values now, to put back if the listeners cannot move.
  const before = pairs.map(([name]) => [name, currentValue(server, name.toLowerCase()) ?? '']);
  applySettings(server, context.db, pairs, { session: context.session });
  if (server.config.bind === bind && server.config.port === port) {
    context.reply.ok();
    return;
  }
  moveListeners(context, pairs, before as [string, string][]);
}

/**
 * CONFIG SET port or bind: the listeners move (Server's relisten), and
 * the reply waits for them, as the connection's later commands do
 * (Session#block). When they cannot listen there, the batch's old values
 * come back, the listeners return to them, and the reply is Redis's
 * error, naming the first of port and bind the batch gave. Inside EXEC,
 * which cannot wait, the reply is OK at once and a failure only logged
 * (onWarning) and undone.
 */
function moveListeners(
  context: CommandContext,
  pairs: readonly [string, string][],
  before: readonly [string, string][],
): void {
  const { server, session, db } = context;
  const given = pairs.find(([name]) => ['port', 'bind'].includes(name.toLowerCase()))![0];
  const reason =
    given.toLowerCase() === 'port'
      ? 'Unable to listen on this port. Check server logs.'
      : 'Failed to bind to specified addresses.';
  const failure = server.relisten().then(
    () => undefined,
    async (error: Error) => {
      server.warn(`Failed to bind, trying to restore old listening sockets: ${error.message}`);
      // Values this batch replaced, so none is refused (not even a
      // protected dir): as at the start.
      try {
        applySettings(server, db, before, { atStart: true });
      } catch (restoring) {
        server.warn(`Failed to restore the settings: ${(restoring as Error).message}`);
      }
      await server.relisten().catch((again: Error) => {
        server.warn(`Failed to restore old listening sockets: ${again.message}`);
      });
      return `ERR CONFIG SET failed (possibly related to argument '${given}') - ${reason}`;
    },
  );
  if (session.transaction !== null) {
    context.reply.ok();
    return;
  }
  session.block = {
    ms: Number.POSITIVE_INFINITY,
    internal: true,
    // Never called: the block ends only below (it has no timeout, and
    // CLIENT UNBLOCK leaves an internal block).
    finish: (reply) => reply.ok(),
  };
  void failure.then((error) =>
    session.unblock((reply) => (error === undefined ? reply.ok() : reply.error(error))),
  );
}

// A name as Redis quotes it back: C strings end at a NUL.
function untilNul(text: string): string {
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}

/**
 * Applies settings as CONFIG SET does: every name checked before any
 * value, all applied or none, with the effects CONFIG SET has (a lower
 * maxmemory evicts, a new maxclients bounds the accept loop, ...).
 * `pairs` are names as given (any case, aliases too) and values, as
 * Latin-1 text. createServer's `settings` (and the command line's
 * redis.conf directives) come here too.
 *
 * @throws CommandError with Redis's reply to CONFIG SET (`ERR Unknown
 *   option ...`, `ERR CONFIG SET failed (possibly related to argument
 *   '...') - reason`).
 */
export function applySettings(
  server: ServerInfo,
  db: Db,
  pairs: ReadonlyArray<readonly [string, string]>,
  { atStart = false, session }: { atStart?: boolean; session?: Session } = {},
): void {
  const config = server.config;
  // Redis names the argument as given for a problem with the name, and
  // the setting's own name for a problem with its value.
  const failed = (name: string, reason: string) =>
    new CommandError(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}`);
  // Redis checks every name before any value; the first problem is reported.
  // A problem with a value names the setting as the request did (an alias
  // is named as itself); a setting and its alias are not duplicates, and
  // the later value wins, as in Redis.
  // Per pair, the ServerConfig setting it names, or else the extra one.
  const targets: (keyof ServerConfig | undefined)[] = [];
  const extras: (string | undefined)[] = [];
  const given: string[] = [];
  for (const [asGiven] of pairs) {
    const spelled = asGiven.toLowerCase();
    const name = settingNamed(config, spelled);
    if (name === undefined) {
      const extra = extraSettingNamed(spelled);
      if (extra === undefined)
        throw new CommandError(
          `ERR Unknown option or number of arguments for CONFIG SET - '${untilNul(asGiven)}'`,
        );
      // Redis's immutable ones are set in redis.conf or on the command line.
      if (!atStart && !EXTRA_SETTINGS.get(extra)!.mutable)
        throw failed(untilNul(asGiven), "can't set immutable config");
      if (given.includes(spelled)) throw failed(untilNul(asGiven), 'duplicate parameter');
      targets.push(undefined);
      extras.push(extra);
      given.push(spelled);
      continue;
    }
    // Redis 7.0 protects these two: enable-protected-configs (no by
    // default) says who may set them.
    if (
      (name === 'dir' || name === 'dbfilename') &&
      !atStart &&
      (session === undefined ||
        !protectedActionAllowed(server.extraSettings.get('enable-protected-configs')!, session))
    )
      throw failed(untilNul(asGiven), "can't set protected config");
    // rdbchecksum, immutable in Redis too, has no option of its own: a
    // redis.conf may say it.
    if (!MUTABLE_SETTINGS.has(name) && !(atStart && name === 'rdbchecksum'))
      throw failed(untilNul(asGiven), "can't set immutable config");
    if (given.includes(spelled)) throw failed(untilNul(asGiven), 'duplicate parameter');
    targets.push(name);
    extras.push(undefined);
    given.push(spelled);
  }
  const changes: [keyof ServerConfig, string | number][] = [];
  const extraChanges: [string, string][] = [];
  let eventFlags: number | undefined;
  let outputLimits: OutputLimits | undefined;
  for (let p = 0; p < pairs.length; p++) {
    const text = pairs[p]![1];
    const extra = extras[p];
    if (extra !== undefined) {
      const checked = EXTRA_SETTINGS.get(extra)!.check(text);
      // Named as the request spelled it, as for the other settings.
      if (checked.value === undefined) throw failed(given[p]!, checked.reason);
      extraChanges.push([extra, checked.value]);
      continue;
    }
    const name = targets[p]!;
    if (typeof config[name] === 'number') {
      const bounds = NUMERIC_BOUNDS[name]!;
      const value = bounds.memory ? memoryValue(text) : toInteger(text);
      const spelled = given[p]!;
      if (value === undefined)
        throw failed(
          spelled,
          bounds.memory
            ? 'argument must be a memory value'
            : "argument couldn't be parsed into an integer",
        );
      if (value < bounds.min || value > bounds.max)
        throw failed(spelled, `argument must be between ${bounds.min} and ${bounds.max} inclusive`);
      changes.push([name, Number(value)]);
      let exact = exactNumbers.get(config);
      if (exact === undefined) {
        exact = new Map();
        exactNumbers.set(config, exact);
      }
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) exact.set(name, value.toString());
      else exact.delete(name);
    } else if (name === 'notify-keyspace-events') {
      const flags = parseKeyspaceEvents(text);
      if (flags === undefined) throw failed(name, INVALID_EVENT_CLASS);
      // Stored as Redis writes it back; the flags are applied below.
      changes.push([name, formatKeyspaceEvents(flags)]);
      eventFlags = flags;
    } else if (name === 'appendonly') {
      const value = text.toLowerCase();
      if (value !== 'yes' && value !== 'no') throw failed(name, "argument must be 'yes' or 'no'");
      // No append-only file here: saying OK would promise a durability
      // this server does not give.
      if (value === 'yes') throw failed(name, APPENDONLY_UNSUPPORTED);
      changes.push([name, value]);
    } else if (name === 'rdbchecksum') {
      const value = text.toLowerCase();
      if (value !== 'yes' && value !== 'no') throw failed(name, "argument must be 'yes' or 'no'");
      if (value === 'no') throw failed(name, RDBCHECKSUM_ALWAYS);
      changes.push([name, value]);
    } else if (BOOLEAN_SETTINGS.has(name)) {
      const value = text.toLowerCase();
      if (value !== 'yes' && value !== 'no') throw failed(name, "argument must be 'yes' or 'no'");
      changes.push([name, value]);
    } else if (ENUM_SETTINGS[name] !== undefined) {
      const words = ENUM_SETTINGS[name]!;
      const value = text.toLowerCase();
      if (!words.includes(value))
        throw failed(name, `argument(s) must be one of the following: ${words.join(', ')}`);
      changes.push([name, value]);
    } else if (name === 'latency-tracking-info-percentiles') {
      const percentiles = parsePercentiles(text);
      if (typeof percentiles === 'string') throw failed(name, percentiles);
      changes.push([name, percentiles.map(formatPercentile).join(' ')]);
    } else if (name === 'client-output-buffer-limit') {
      // Split at single spaces, as Redis splits its multi-word settings.
      const limits = parseOutputLimits(
        text === '' ? [] : text.split(' '),
        outputLimits ?? server.outputLimits,
        memoryValue,
      );
      if (typeof limits === 'string') throw failed(name, limits);
      outputLimits = limits;
      changes.push([name, formatOutputLimits(limits)]);
    } else if (name === 'maxmemory-clients') {
      const value = parseClientMemoryLimit(text);
      if (value === undefined) throw failed(name, 'argument must be a memory or percent value');
      if (value === PERCENT_TOO_HIGH)
        throw failed(name, 'percentage argument must be less or equal to 100');
      changes.push([name, value]);
    } else if (name === 'dir') {
      // Redis's chdir: relative to the old dir, and written back as getcwd
      // gives it (absolute, links resolved).
      let resolved: string;
      try {
        // chdir("") fails; resolve() would stay where it is.
        if (text === '') throw Object.assign(new Error('empty'), { code: 'ENOENT' });
        resolved = bytesOf(realpathSync(resolve(textOf(config.dir), textOf(text))));
        if (!statSync(pathBytes(resolved)).isDirectory())
          throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      } catch (error) {
        throw failed(name, strerror(error));
      }
      changes.push([name, resolved]);
    } else if (name === 'dbfilename') {
      // A C string in Redis: a NUL ends it.
      const file = untilNul(text);
      if (file.includes('/')) throw failed(name, "dbfilename can't be a path, just a filename");
      changes.push([name, file]);
    } else if (name === 'bind') {
      // Words at single spaces, as Redis splits its multi-word settings;
      // none listens on no TCP port (server.ts).
      if (text.split(' ').length > 16) throw failed(name, 'Too many bind addresses specified.');
      changes.push([name, text]);
    } else if (name === 'save') {
      const points = parseSavePoints(text);
      if (points === undefined) throw failed(name, 'Invalid save parameters');
      changes.push([name, points.map(([seconds, count]) => `${seconds} ${count}`).join(' ')]);
    } else {
      changes.push([name, text]);
    }
  }
  // All or nothing, as Redis does.
  for (const [name, value] of changes)
    (config as unknown as Record<string, string | number>)[name] = value;
  for (const [name, value] of extraChanges) server.extraSettings.set(name, value);
  const names = targets.filter((name) => name !== undefined);
  if (eventFlags !== undefined) db.events.flags = eventFlags;
  if (names.includes('dir')) db.persistence.moveTo(config.dir);
  if (outputLimits !== undefined) server.outputLimits = outputLimits;
  // A new bound applies at once: a lower one closes connections now. A
  // percentage is of maxmemory.
  if (names.includes('maxmemory-clients') || names.includes('maxmemory'))
    server.clientEviction.configure(
      clientEvictionLimit(config['maxmemory-clients'], config.maxmemory),
    );
  // New connections are accepted up to the new bound; a lower one closes
  // none (Redis's neither), it refuses new ones until enough have gone.
  if (names.includes('maxclients')) server.maxclientsChanged(config.maxclients);
  // A lower limit starts evicting keys (between commands), a new policy
  // keeps its counters (key-eviction.ts).
  if (names.some((name) => KEY_EVICTION_SETTINGS.has(name))) db.eviction.configure(server);
  // The ACL follows its settings: requirepass is the default user's
  // password (none: nopass), as Redis's updateRequirePass.
  const acl = server.acl;
  if (names.includes('requirepass')) acl.setDefaultPassword(config.requirepass);
  acl.allChannelsDefault = config['acl-pubsub-default'] === 'allchannels';
}

// Redis 7.0's lines.
const HELP = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

export const config: Command = {
  name: 'config',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['get', -3],
    ['set', -4],
    ['resetstat', 2],
    ['rewrite', 2],
    ['help', 2],
  ]),
  execute(context, args) {
    const sub = args.latin1(1).toLowerCase();
    switch (sub) {
      case 'get':
        if (args.length < 3) throw new CommandError(Replies.wrongArgs('config|get'));
        get(context, args);
        return;
      case 'set':
        if (args.length < 4) throw new CommandError(Replies.wrongArgs('config|set'));
        // Arity first, then pairs: Redis's order and texts.
        if (args.length % 2 !== 0) throw new CommandError(Replies.syntax);
        set(context, args);
        return;
      case 'resetstat':
        if (args.length !== 2) throw new CommandError(Replies.wrongArgs('config|resetstat'));
        // Redis's resetServerStats, resetCommandTableStats and
        // resetErrorTableStats; the slow log and the latency monitor stay.
        context.server.totalCommands = 0;
        context.server.totalConnections = 0;
        context.server.rejectedConnections = 0;
        context.server.stats.reset();
        context.db.eviction.resetStats();
        context.reply.ok();
        return;
      case 'rewrite':
        if (args.length !== 2) throw new CommandError(Replies.wrongArgs('config|rewrite'));
        rewrite(context);
        return;
      case 'help':
        replyHelp(context.reply, 'CONFIG', HELP);
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'config'));
    }
  },
};
