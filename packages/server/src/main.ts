/**
 * The `mini-redis-server` command (and `npm start`):
 *
 * ```text
 * mini-redis-server [redis.conf] [--port 6379] [--bind 127.0.0.1] [--requirepass pw]
 *                   [--maxclients 10000] [--timeout 0] [--databases 16]
 *                   [--maxmemory 100mb] [--maxmemory-policy allkeys-lru]
 *                   [--unixsocket path] [--unixsocketperm 700]
 *                   [--notify-keyspace-events classes]
 *                   [--dir path] [--dbfilename dump.rdb] [--save "3600 1 300 100"]
 *                   [--enable-debug-command no|yes|local] [--aclfile path]
 *                   [--user "name rules..." ...]
 *                   [--acl-pubsub-default resetchannels|allchannels]
 *                   [--<setting> value ...]
 * ```
 *
 * As redis-server's: a config file may come first (its directives, then
 * the command line's; the later wins; `include path` reads another file
 * in place; CONFIG REWRITE writes the settings back into it; a relative
 * path is found from the last `dir` read, as redis-server, which moves
 * into each `dir` as it reads it, finds it), and every
 * other `--name value`
 * is a setting CONFIG SET knows (`--appendonly no`, `--maxmemory-samples
 * 10`, `--hash-max-listpack-entries 64`), applied as CONFIG SET applies
 * it, with its checks; Redis's settings for what this server lacks are
 * kept (extra-settings.ts), so a redis.conf for redis-server loads, and a
 * name Redis does not have is an error, not ignored. `daemonize` may only
 * be no: this process never forks. `logfile` and `pidfile` are honoured
 * here (internal/server-log.ts), and so are `shutdown-on-sigint` and
 * `shutdown-on-sigterm` (save, nosave, force) when a signal stops it.
 *
 * With `--dir`, the data is kept in an RDB file there: loaded at start,
 * saved by the save points (Redis's by default), SAVE, BGSAVE and at
 * shutdown (persistence.ts). Without it nothing is read or written.
 *
 * Bad arguments and a port in use give one clear line on stderr and exit
 * code 1, never a stack trace. SIGINT and SIGTERM shut down gracefully,
 * and so does a client's SHUTDOWN.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import process from 'node:process';
import { splitInlineArgs } from '@mini-redis/resp';
import { ServerError } from './errors.js';
import { shutdownFlagsOf } from './extra-settings.js';
import { bytesOf, heldBytes } from './internal/byte-strings.js';
import { memoryValue } from './internal/memory-value.js';
import { globPaths, isDirectory, latin1Path } from './internal/path-glob.js';
import { peerId } from './internal/peer-id.js';
import { repr } from './internal/repr.js';
import { ServerLog } from './internal/server-log.js';
import { parseKeyspaceEvents } from './keyspace-events.js';
import {
  createServer,
  MAXMEMORY_POLICIES,
  type MaxmemoryPolicy,
  type Server,
  type ServerOptions,
} from './server.js';

const USAGE =
  'usage: mini-redis-server [--port 6379] [--bind 127.0.0.1] [--requirepass password] [--maxclients 10000] [--timeout seconds] [--databases 16] [--maxmemory bytes] [--maxmemory-policy noeviction|allkeys-lru|...] [--unixsocket path] [--unixsocketperm 700] [--notify-keyspace-events KEA] [--dir path] [--dbfilename dump.rdb] [--save "3600 1 300 100"] [--enable-debug-command no|yes|local] [--aclfile path] [--user "name rules..." ...] [--acl-pubsub-default resetchannels|allchannels] [--<setting> value: any CONFIG SET setting] (a redis.conf file may come first)';

function integerOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `--${name} expects a non-negative integer, got '${text}'`,
    );
  return Number(text);
}

// A memory value as redis.conf writes it: bytes, or with a unit (100mb).
function maxmemoryOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = memoryValue(text);
  if (value === undefined || text === '' || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `--maxmemory expects bytes, or a number with a unit (k, kb, m, mb, g, gb), got '${text}'`,
    );
  return Number(value);
}

// A file mode in octal digits, as redis.conf's `unixsocketperm 700`.
function modeOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-7]{1,4}$/.test(text) || Number.parseInt(text, 8) > 0o777)
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `--unixsocketperm expects a file mode in octal, 0 to 777, got '${text}'`,
    );
  return Number.parseInt(text, 8);
}

// The options with checks of their own here; every other `--name value`
// is a setting, applied as CONFIG SET would (createServer's `settings`).
const OWN_OPTIONS = new Set([
  'port',
  'bind',
  'requirepass',
  'maxclients',
  'maxmemory',
  'maxmemory-policy',
  'timeout',
  'databases',
  'unixsocket',
  'unixsocketperm',
  'notify-keyspace-events',
  'dir',
  'dbfilename',
  'save',
  'enable-debug-command',
  'aclfile',
  'acl-pubsub-default',
]);

// Directives that redis.conf may repeat, each adding to the last: save
// points, and one output limit class per line.
const ADDING = new Set(['save', 'client-output-buffer-limit']);

interface CommandLine {
  values: Partial<Record<string, string>> & {
    user?: string[];
    renameCommands?: [string, string][];
    help?: boolean;
    /** The config file given first, as given. */
    configFile?: string;
  };
  /** Text from the command line; bytes as they are from a config file. */
  settings: Record<string, string | Buffer>;
  /** The BYTE_OPTIONS given, as `settings` holds its values. */
  bytes: Partial<Record<string, string | Buffer>>;
}

// Options whose value is kept as a config file's bytes (a password, a
// path), not read as text: createServer takes them as a Uint8Array.
const BYTE_OPTIONS = new Set(['requirepass', 'dir', 'dbfilename', 'unixsocket', 'aclfile']);

/**
 * The arguments as redis-server reads them: `--name` and the words after
 * it up to the next `--name`, joined by spaces (`--save 900 1 300 10`,
 * `--save ""`), or `--name=value`. A name given twice: the last wins, as
 * in redis.conf, except that `save` and `client-output-buffer-limit` add
 * to what came before (ADDING) and `--user` may be given many times.
 */
function commandLine(argv: readonly string[]): CommandLine {
  const values: CommandLine['values'] = {};
  const settings: Record<string, string | Buffer> = {};
  const bytes: CommandLine['bytes'] = {};
  // The directory redis-server would be in at this point (Latin-1 bytes,
  // absolute): it moves into each `dir` as the line is read, so a later
  // relative `dir` or include is found from there.
  let directory = bytesOf(process.cwd());
  // The config files being read, outermost first (include).
  const including: string[] = [];
  const take = (name: string, given: string | Buffer): void => {
    // A setting keeps a config file's bytes as they are (`\xff` included);
    // everything else here is read as text.
    const value = typeof given === 'string' ? given : given.toString('utf8');
    if (name === 'user') {
      values.user ??= [];
      values.user.push(value);
    } else if (name === 'rename-command') {
      // A command's name and its new one ('' for none): two words.
      const words = value.split(' ');
      if (words.length !== 2 || words[0] === '')
        throw new ServerError(
          'ERR_INVALID_OPTION',
          `rename-command needs a command and its new name ("" to remove it), got '${value}'`,
        );
      values.renameCommands ??= [];
      values.renameCommands.push([words[0]!, words[1]!]);
    } else if (name === 'include') {
      // The file's directives, here, as redis-server reads an include (each
      // file a wildcard matches, in name order); a file already being read
      // is a loop, refused.
      // The path's bytes as they are (Latin-1), as the file system takes
      // them; a relative one from the directory read so far.
      // (join, not resolve: a trailing slash, directories only, is kept.)
      const held = heldBytes(given);
      const path = isAbsolute(held) ? held : join(directory, held);
      for (const file of includedFiles(path)) {
        if (including.includes(file))
          throw new ServerError(
            'ERR_INVALID_OPTION',
            `include: '${shown(file)}' includes itself (${[...including, file].map(shown).join(' -> ')})`,
          );
        including.push(file);
        for (const [included, text] of configFile(file)) take(included, text);
        including.pop();
      }
    } else if (ADDING.has(name)) {
      // Each line adds to the ones before, as in redis.conf; an empty
      // `save` clears them.
      const earlier = OWN_OPTIONS.has(name) ? values[name] : settings[name];
      const before = typeof earlier === 'string' ? earlier : earlier?.toString('utf8');
      const joined =
        before === undefined || before === '' || value === '' ? value : `${before} ${value}`;
      if (OWN_OPTIONS.has(name)) values[name] = joined;
      else settings[name] = joined;
    } else if (OWN_OPTIONS.has(name)) {
      values[name] = value;
      if (BYTE_OPTIONS.has(name)) bytes[name] = given;
      // redis-server moves into it at once (an empty one is refused later).
      if (name === 'dir' && value !== '') {
        directory = resolve(directory, heldBytes(given));
        bytes.dir = Buffer.from(directory, 'latin1');
      }
    } else settings[name] = given;
  };
  // A config file first, as redis-server takes one: its directives, then
  // the command line's (the later wins).
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    values.configFile = argv[0];
    take('include', argv[0]);
    argv = argv.slice(1);
  }
  for (let i = 0; i < argv.length; ) {
    const arg = argv[i++]!;
    if (arg === '--help' || arg === '-h') {
      values.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg.length === 2)
      throw new ServerError('ERR_INVALID_OPTION', `expected --name value, got '${arg}'`);
    let name = arg.slice(2).toLowerCase();
    let value: string;
    const equals = name.indexOf('=');
    if (equals !== -1) {
      value = arg.slice(2 + equals + 1);
      name = name.slice(0, equals);
    } else {
      const words: string[] = [];
      while (i < argv.length && !argv[i]!.startsWith('--')) words.push(argv[i++]!);
      if (words.length === 0)
        throw new ServerError('ERR_INVALID_OPTION', `--${name} needs a value`);
      value = words.join(' ');
    }
    take(name, value);
  }
  return { values, settings, bytes };
}

/**
 * The files an include names (Latin-1: one char per byte, the path's
 * bytes): the path itself, or, as redis-server does when it holds any of
 * `*`, `?` and `[`, every path the C library's glob matches it to
 * (internal/path-glob.ts: wildcards in any component, `/etc/redis/*.d/*.conf`),
 * in byte order, none when there are none. A directory matched reads as
 * nothing there (fopen opens it, and nothing is read), so it is left out.
 */
function includedFiles(path: string): string[] {
  if (!/[*?[]/.test(path)) return [path];
  return globPaths(path).filter((file) => !isDirectory(file));
}

// A Latin-1 path as it reads in a message: its bytes as UTF-8.
function shown(path: string): string {
  return latin1Path(path).toString('utf8');
}

/**
 * A redis.conf's directives, in order: a name and its words (quoted as
 * redis.conf quotes them) joined by spaces; blank lines and `#` comments
 * skipped.
 */
function configFile(path: string): Array<[string, string | Buffer]> {
  let text: string;
  try {
    text = readFileSync(latin1Path(path), 'latin1');
  } catch (error) {
    throw new ServerError(
      'ERR_INVALID_OPTION',
      `cannot read the config file '${shown(path)}': ${(error as Error).message}`,
    );
  }
  const directives: Array<[string, string | Buffer]> = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = splitInlineArgs(Buffer.from(line, 'latin1'));
    if (words === null || words.length === 0)
      throw new ServerError(
        'ERR_INVALID_OPTION',
        `${path}, line ${n + 1}: unbalanced quotes in '${line}'`,
      );
    const [name, ...rest] = words;
    const directive = name!.toString('latin1').toLowerCase();
    if (directive === 'user') {
      // A user's rules are split again (the `users` option): a rule with
      // a space or a quote in it (`">pass word"`) goes quoted.
      // So does one with bytes past ASCII, escaped (`"\xff"`), so that
      // they are read back as the same bytes, UTF-8 or not.
      const quoteIfNeeded = (word: Buffer) =>
        /[^!#-&(-[\]-~]|^$/.test(word.toString('latin1')) ? repr(word) : word.toString('utf8');
      directives.push([directive, rest.map(quoteIfNeeded).join(' ')]);
      continue;
    }
    // The words' bytes, joined by spaces: createServer takes a setting's
    // bytes as they are, and the rest as text (take).
    const joined: Buffer[] = [];
    for (const word of rest) joined.push(...(joined.length === 0 ? [] : [SPACE]), word);
    directives.push([directive, Buffer.concat(joined)]);
  }
  return directives;
}

const SPACE = Buffer.from(' ');

async function main(): Promise<void> {
  let options: ServerOptions;
  try {
    const { values, settings, bytes } = commandLine(process.argv.slice(2));
    if (values.help === true) {
      console.log(USAGE);
      return;
    }
    const port = integerOption('port', values.port);
    const maxClients = integerOption('maxclients', values.maxclients);
    const timeout = integerOption('timeout', values.timeout);
    const databases = integerOption('databases', values.databases);
    const maxmemory = maxmemoryOption(values.maxmemory);
    const policy = values['maxmemory-policy'];
    if (policy !== undefined && !MAXMEMORY_POLICIES.includes(policy as MaxmemoryPolicy))
      throw new ServerError(
        'ERR_INVALID_OPTION',
        `--maxmemory-policy expects one of ${MAXMEMORY_POLICIES.join(', ')}, got '${policy}'`,
      );
    const unixSocketPerm = modeOption(values.unixsocketperm);
    const events = values['notify-keyspace-events'];
    if (events !== undefined && parseKeyspaceEvents(events) === undefined)
      throw new ServerError(
        'ERR_INVALID_OPTION',
        `--notify-keyspace-events expects event classes from 'Ag$lshzxeKEtmdn', got '${events}'`,
      );
    const debug = values['enable-debug-command'];
    if (debug !== undefined && debug !== 'no' && debug !== 'yes' && debug !== 'local')
      throw new ServerError(
        'ERR_INVALID_OPTION',
        `--enable-debug-command expects no, yes or local, got '${debug}'`,
      );
    const pubsubDefault = values['acl-pubsub-default'];
    if (
      pubsubDefault !== undefined &&
      pubsubDefault !== 'resetchannels' &&
      pubsubDefault !== 'allchannels'
    )
      throw new ServerError(
        'ERR_INVALID_OPTION',
        `--acl-pubsub-default expects resetchannels or allchannels, got '${pubsubDefault}'`,
      );
    options = {
      ...(port === undefined ? {} : { port }),
      ...(values.bind === undefined ? {} : { bind: values.bind }),
      ...(bytes.requirepass === undefined ? {} : { requirepass: bytes.requirepass }),
      ...(maxClients === undefined ? {} : { maxClients }),
      ...(maxmemory === undefined ? {} : { maxmemory }),
      ...(policy === undefined ? {} : { maxmemoryPolicy: policy as MaxmemoryPolicy }),
      ...(timeout === undefined ? {} : { timeout }),
      ...(databases === undefined ? {} : { databases }),
      // `unixsocket ""` is none, as in redis.conf.
      ...(values.unixsocket === undefined || values.unixsocket === ''
        ? {}
        : { unixSocket: bytes.unixsocket! }),
      ...(unixSocketPerm === undefined ? {} : { unixSocketPerm }),
      ...(events === undefined ? {} : { notifyKeyspaceEvents: events }),
      ...(bytes.dir === undefined ? {} : { dir: bytes.dir }),
      ...(bytes.dbfilename === undefined ? {} : { dbfilename: bytes.dbfilename }),
      ...(values.save === undefined ? {} : { save: values.save }),
      ...(debug === undefined ? {} : { enableDebugCommand: debug }),
      ...(bytes.aclfile === undefined ? {} : { aclfile: bytes.aclfile }),
      ...(values.user === undefined ? {} : { users: values.user }),
      ...(values.renameCommands === undefined ? {} : { renameCommands: values.renameCommands }),
      ...(pubsubDefault === undefined ? {} : { aclPubsubDefault: pubsubDefault }),
      ...(values.configFile === undefined ? {} : { configFile: values.configFile }),
      settings,
    };
  } catch (error) {
    console.error(`mini-redis-server: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exitCode = 1;
    return;
  }
  try {
    // Warnings go to the log once it is open (it needs the settings).
    let log: ServerLog | undefined;
    const server = createServer({
      ...options,
      onWarning: (message) =>
        log === undefined ? console.error(`mini-redis-server: ${message}`) : log.warning(message),
    });
    try {
      // loglevel read at each line: CONFIG SET may change it meanwhile.
      log = new ServerLog(
        inDir(server, server.setting('logfile')!),
        () => server.setting('loglevel')!,
      );
    } catch (error) {
      throw new Error(`Can't open the log file: ${(error as Error).message}`);
    }
    const { address, port } = await server.listen();
    const pidfile = inDir(server, server.setting('pidfile')!);
    if (pidfile !== '') writePidFile(pidfile, log);
    // An IPv6 address in brackets, so the port cannot be read as part of it.
    const socketPath = server.setting('unixsocket')!;
    const unixSocket = socketPath === '' ? '' : ` and ${socketPath}`;
    log.notice(
      `mini-redis-server ready on ${peerId(address, port)}${unixSocket} (try: redis-cli -p ${port} ping)`,
    );
    let stopping = false;
    // Closed by a signal below or by a client's SHUTDOWN: then nothing is
    // left to keep the process alive, and it exits.
    void server.closed().then(() => {
      if (pidfile !== '') removePidFile(pidfile);
      log.notice('mini-redis-server stopped');
    });
    const stop = (signal: 'SIGINT' | 'SIGTERM') => {
      if (stopping) return;
      stopping = true;
      log.notice(`${signal}: shutting down gracefully`);
      // shutdown-on-sigint / -sigterm: save or nosave override the save
      // points; force exits cleanly even when the final save fails.
      const flags = shutdownFlagsOf(server.setting(`shutdown-on-${signal.toLowerCase()}`)!);
      server.close({ save: flags.save }).catch((error: unknown) => {
        log.warning(error instanceof Error ? error.message : String(error));
        // A final save that failed is said, and the exit code is 1.
        if (!flags.force) process.exitCode = 1;
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  } catch (error) {
    console.error(`mini-redis-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

// redis-server's createPidFile: the pid and a newline; a file it cannot
// write is a warning, not a reason to stop.
// A file setting's path: a relative one is in `dir`, where redis-server
// (which runs there) opens it; '' stays none.
function inDir(server: Server, path: string): string {
  return path === '' || isAbsolute(path) ? path : join(server.setting('dir')!, path);
}

function writePidFile(path: string, log: ServerLog): void {
  try {
    writeFileSync(path, `${process.pid}\n`);
  } catch (error) {
    log.warning(`Failed to write PID file: ${(error as Error).message}`);
  }
}

// Removed at shutdown, as redis-server removes it.
function removePidFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to remove.
  }
}

await main();
