/**
 * Runs one command for a session: finds it, checks arity, authentication,
 * `no_multi`, the ACL, maxmemory (evicting keys, or refusing with OOM:
 * key-eviction.ts), the refusal of writes while snapshots fail (MISCONF), the subscribe-mode rules and a monitor's, in Redis's order,
 * holds it while CLIENT PAUSE says so, queues it instead when the session
 * is in a transaction (MULTI), turns a `CommandError` into its error
 * reply, and shows the command to MONITOR. Then key tracking remembers
 * what a read-only command read, the invalidations the command caused
 * for its own connection follow its reply, and CLIENT REPLY SKIP and
 * CLIENT CACHING move on (`Session#commandDone`).
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import { logRefusal, noPermission } from './acl/refusals.js';
import type { Command, CommandContext } from './command.js';
import type { Db } from './db.js';
import { CommandError, Replies, replyBytes } from './errors.js';
import { quoted } from './internal/args.js';
import { commandKeys, isReadOnly } from './internal/command-keys.js';
import { protectedActionAllowed } from './internal/protected-action.js';
import { type InvocationFlags, invocationFlags } from './invocation-flags.js';
import { OOM_ERROR } from './key-eviction.js';
import { MISCONF } from './persistence.js';
import type { ServerInfo } from './server-info.js';
import type { Session } from './session.js';
import { slowlogArguments } from './slowlog.js';
import type { CommandStats } from './stats.js';

const SUBSCRIBE_CONTEXT = new Set([
  'subscribe',
  'psubscribe',
  'unsubscribe',
  'punsubscribe',
  'ping',
  'quit',
  'reset',
  'ssubscribe',
  'sunsubscribe',
]);

// The commands that run at once inside MULTI instead of being queued
// (Redis's processCommand names the same ones).
const RUN_IN_TRANSACTION = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

// The commands a transaction may still run while out of memory (Redis's
// processCommand: any other is refused in MULTI, since queueing takes memory).
const RUN_WHEN_OUT_OF_MEMORY_IN_TRANSACTION = new Set(['exec', 'discard', 'quit', 'reset']);

// Whether `command` is refused while the data is over maxmemory with
// nothing left to evict: one that may grow the data (EXEC: one that
// queued such a command), and in a transaction all but a few.
function refusedOutOfMemory(
  command: Command,
  args: RequestArgs,
  session: Session,
  db: Db,
): boolean {
  if (session.transaction !== null && !RUN_WHEN_OUT_OF_MEMORY_IN_TRANSACTION.has(command.name))
    return true;
  return flagsNow(command, args, session, db).denyoom;
}

// What running `command` with `args` may do: EXEC in a transaction what
// its queued commands may (Redis's mstate.cmd_flags), anything else as
// invocation-flags.ts says.
function flagsNow(command: Command, args: RequestArgs, session: Session, db: Db): InvocationFlags {
  return command.name === 'exec' && session.transaction !== null
    ? session.transaction.flags
    : invocationFlags(command, args, db);
}

// Whether a monitoring connection is refused `command`: Redis treats a
// monitor as a replica, which must not run a command that reads or writes
// the keyspace or may be replicated.
function touchesKeyspace(command: Command, args: RequestArgs, session: Session, db: Db): boolean {
  const flags = flagsNow(command, args, session, db);
  return flags.write || flags.mayReplicate || flags.readonly;
}

// Redis's text for an unknown command: the name and the first arguments,
// quoted, at most 128 bytes of them; CR and LF become spaces (the encoder
// does that).
function unknownCommand(args: RequestArgs): string {
  let listed = '';
  for (let i = 1; i < args.length && listed.length < 128; i++) {
    listed += `'${quoted(args, i).slice(0, 128 - listed.length)}' `;
  }
  return `ERR unknown command '${quoted(args, 0).slice(0, 128)}', with args beginning with: ${listed}`;
}

const DEBUG_NOT_ALLOWED =
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

// Whether `count` arguments (the name included) fit `arity` (negative: at least).
function arityFits(arity: number, count: number): boolean {
  return arity > 0 ? count === arity : count >= -arity;
}

/**
 * A command's full name as Redis reports it: a container's with its
 * subcommand (`client|list`), 'NULL' for an unknown subcommand, which
 * Redis does not look up.
 */
export function fullName(command: Command, args: RequestArgs): string {
  if (command.subcommands === undefined || args.length < 2) return command.name;
  const sub = args.latin1(1).toLowerCase();
  return command.subcommands?.has(sub) === true ? `${command.name}|${sub}` : 'NULL';
}

// Finds the command named by argument 0. Connections mostly repeat a few
// commands, so the name's bytes are first compared with those of the
// session's previous command: no string is made and hashed then (measured:
// redis-benchmark -P 16). Otherwise the table, which holds lower- and
// upper-case names, so the usual spellings need no toLowerCase.
function lookup(server: ServerInfo, session: Session, args: RequestArgs): Command | undefined {
  const previous = session.previousLookup;
  if (previous !== null && args.equals(0, previous.name)) return previous.command;
  const raw = args.latin1(0);
  const command = server.lookup.get(raw) ?? server.lookup.get(raw.toLowerCase());
  if (command !== undefined) session.previousLookup = { name: args.copy(0), command };
  return command;
}

// Refuses a command before it runs, as Redis's rejectCommand does: inside
// MULTI the refusal dooms the transaction (EXEC will reply EXECABORT), and
// a refused EXEC itself ends the transaction, in or out of one, with its
// reason after EXECABORT's text.
// `command` is undefined for an unknown command or subcommand; the
// refusal then counts for no command's INFO commandstats.
function reject(
  session: Session,
  command: Command | undefined,
  message: string | Buffer,
  args: RequestArgs,
): void {
  const stats = session.context.server.stats;
  const counters = command === undefined ? undefined : stats.commandStats(command, args);
  if (command?.name === 'exec' && typeof message === 'string') {
    session.endTransaction();
    const reason = message.startsWith('ERR ') ? message.slice(4) : message;
    session.reply.error(`EXECABORT Transaction discarded because of: ${reason}`);
    stats.rejected(counters);
    // Redis shows a refused EXEC to monitors (execCommandAbort), unlike
    // any other refused command.
    const monitors = session.context.db.monitors;
    if (monitors.active) monitors.feed(session, command, args);
    return;
  }
  session.reply.error(message);
  stats.rejected(counters);
  session.transaction?.abort();
}

/**
 * Runs one parsed request for `session` and writes its reply (or error
 * reply) to the session's encoder, and then the tracking invalidations it
 * caused for the session itself. Never throws. Returns false, having
 * written nothing, when CLIENT PAUSE holds the command (client-pause.ts):
 * the caller keeps it (cloned) and runs it again at the pause's end.
 * Unless the command blocks the session (then the handler does it when
 * the block ends), the session is told the command is done
 * (`Session#commandDone`: CLIENT REPLY SKIP, CLIENT CACHING).
 */
export function dispatch(server: ServerInfo, db: Db, session: Session, args: RequestArgs): boolean {
  if (!dispatchOne(server, db, session, args)) return false;
  db.tracking.sendPending(session);
  if (session.block === null) session.commandDone();
  return true;
}

function dispatchOne(server: ServerInfo, db: Db, session: Session, args: RequestArgs): boolean {
  const reply = session.reply;
  const now = Date.now();
  session.lastInteraction = now;
  const command = lookup(server, session, args);
  if (command === undefined) {
    session.lastCommand = 'NULL';
    reject(session, undefined, replyBytes(unknownCommand(args)), args);
    return true;
  }
  const name = command.name;
  session.lastCommand = command.subcommands === undefined ? name : fullName(command, args);
  if (!arityFits(command.arity, args.length)) {
    reject(session, command, Replies.wrongArgs(command.name), args);
    return true;
  }
  // A container's subcommand must exist and get its own arity, checked
  // here, before authentication and the subscribed-mode check, as Redis's
  // processCommand does.
  if (command.subcommands !== undefined && args.length >= 2) {
    const arity = command.subcommands.get(args.latin1(1).toLowerCase());
    if (arity === undefined) {
      reject(
        session,
        undefined,
        // Named as the client called it (a renamed command by its new name).
        replyBytes(Replies.unknownSubcommand(quoted(args, 1), args.latin1(0))),
        args,
      );
      return true;
    }
    if (!arityFits(arity, args.length)) {
      reject(session, command, Replies.wrongArgs(session.lastCommand), args);
      return true;
    }
  }
  // A protected command, refused (before authentication, as Redis's
  // processCommand) unless enable-debug-command lets this client run it.
  if (name === 'debug' && !protectedActionAllowed(server.config['enable-debug-command'], session)) {
    reject(session, command, DEBUG_NOT_ALLOWED, args);
    return true;
  }
  if (!session.authenticated && !command.flags.includes('no_auth') && server.acl.authRequired()) {
    reject(session, command, Replies.noAuth, args);
    return true;
  }
  // After authentication, before the rest, as Redis's processCommand.
  if (session.transaction !== null && command.flags.includes('no_multi')) {
    reject(session, command, 'ERR Command not allowed inside a transaction', args);
    return true;
  }
  // Then the ACL, for a user not allowed everything (one test otherwise).
  if (!session.user.unrestricted) {
    const denied = server.acl.check(session.user, session.lastCommand, args);
    if (denied !== undefined) {
      logRefusal(server, session, {
        reason: denied.reason,
        context: session.transaction === null ? 'toplevel' : 'multi',
        object: denied.reason === 'command' ? session.lastCommand : args.latin1(denied.position),
      });
      reject(session, command, noPermission(denied, session.lastCommand), args);
      return true;
    }
  }
  // maxmemory: keys are evicted before the command runs, and when nothing
  // more can go, a command that may grow the data is refused (Redis's
  // processCommand, here). One field read without a limit.
  if (server.config.maxmemory !== 0) {
    const outOfMemory = db.eviction.perform() === 'fail';
    db.eviction.outOfMemory = outOfMemory;
    if (outOfMemory && refusedOutOfMemory(command, args, session, db)) {
      reject(session, command, OOM_ERROR, args);
      return true;
    }
  }
  // While snapshots fail, writes are refused, and PING too (Redis's
  // processCommand, so that a health check notices). The common case costs
  // one field read.
  if (
    !db.persistence.lastBackgroundOk &&
    db.persistence.refusesWrites(server.config['stop-writes-on-bgsave-error'] === 'yes') &&
    (name === 'ping' || flagsNow(command, args, session, db).write)
  ) {
    reject(session, command, MISCONF, args);
    return true;
  }
  if (session.inSubscribeMode && !SUBSCRIBE_CONTEXT.has(name)) {
    reject(
      session,
      command,
      `ERR Can't execute '${session.lastCommand}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
      args,
    );
    return true;
  }
  if (session.monitor !== null && touchesKeyspace(command, args, session, db)) {
    reject(session, command, "ERR Replica can't interact with the keyspace", args);
    return true;
  }
  // After the checks that answer at once, before a transaction queues it,
  // as Redis's processCommand.
  const pause = server.pause;
  if (pause.active && pause.holds(command, args, session, db)) return false;
  const transaction = session.transaction;
  if (transaction !== null && !RUN_IN_TRANSACTION.has(name)) {
    // A watched key changed: EXEC will fail, so nothing more is kept
    // (answered QUEUED all the same), as in Redis 7.0.
    if (
      session.watched.touched ||
      transaction.queue(command, args, invocationFlags(command, args, db))
    ) {
      reply.simple('QUEUED');
    } else {
      reply.error(
        `ERR the commands queued in this transaction exceed client-query-buffer-limit (${transaction.limit} bytes): EXEC will discard it`,
      );
      // A refusal of this command's, not a failure of the next one.
      server.stats.rejected(server.stats.commandStats(command, args));
    }
    return true;
  }
  const context = session.context;
  context.keyspace = db.databases[session.db]!;
  context.now = now;
  runCommand(command, context, args);
  // A list stored for a blocked pop: served now, after the whole command
  // (an EXEC's included), as Redis serves them.
  if (db.blocked.pending) db.blocked.serve(now);
  return true;
}

/**
 * Applies `command` in `context` (its keyspace and clock already set),
 * counting it in INFO's total_commands_processed, turns what it throws
 * into its error reply, and then shows it to MONITOR (error or not, as
 * Redis does for a command that ran). Never throws. The dispatcher and
 * EXEC call it.
 */
export function runCommand(command: Command, context: CommandContext, args: RequestArgs): void {
  const server = context.server;
  server.totalCommands++;
  const stats = server.stats;
  const counters = stats.commandStats(command, args);
  // No clock read here: the last one taken (see ServerStats#lap).
  const started = stats.lapTime;
  // Whose command sends the keyspace notifications now (keyspace-events.ts),
  // and whose invalidations wait for its reply (tracking.ts).
  const { events, tracking } = context.db;
  events.running = context.session;
  // A script's command runs for the EVAL's caller, which stays the
  // running connection: its invalidations wait for EVAL's reply, and
  // NOLOOP spares it, as in Redis.
  const fromScript = context.session.script;
  if (!fromScript) tracking.running = context.session;
  tracking.writer = context.session;
  try {
    command.execute(context, args);
    // A change for the save points (persistence.ts). Redis's flags put
    // `write` first when a command has it: one comparison per command.
    if (command.flags[0] === 'write') context.db.persistence.changes++;
  } catch (error) {
    if (error instanceof CommandError) {
      context.reply.error(replyBytes(error.message));
    } else {
      // A bug in a command must not take the server down: report it to this client.
      context.reply.error(
        `ERR internal error in '${command.name}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  account(context.session, counters, command, args, stats.lap(started));
  events.running = null;
  if (!fromScript) tracking.running = null;
  tracking.writer = null;
  // A tracking connection's read-only command: its keys are remembered,
  // error reply or not, as Redis's call() does.
  if (context.session.tracking !== null) rememberKeys(command, context, args);
  // A skip_monitor command (EVAL and its kin) shows itself, before the
  // commands it runs, as Redis's evalCommand does.
  const monitors = context.db.monitors;
  if (monitors.active && !command.flags.includes('skip_monitor'))
    monitors.feed(context.session, command, args);
}

// Counts a command that ran for `usec` microseconds in INFO commandstats
// and latencystats, and logs it in the slow log and the latency monitor
// when it was slow enough. A command that blocked its connection counts
// its call now and the rest when its block ends (`accountUnblock`), as
// Redis does.
function account(
  session: Session,
  counters: CommandStats,
  command: Command,
  args: RequestArgs,
  usec: number,
): void {
  const server = session.context.server;
  const config = server.config;
  if (session.block !== null) {
    counters.calls++;
    const logged = config['slowlog-log-slower-than'] >= 0 && !counters.skipSlowlog;
    session.blocked = {
      counters,
      usec,
      // Copied now: the arguments are views of a buffer the next read reuses.
      slowlogArgs: logged ? slowlogArguments(command.name, args) : null,
    };
    return;
  }
  server.stats.ran(counters, usec, config['latency-tracking'] === 'yes');
  if (isSlow(server, usec, counters))
    logSlow(session, counters, usec, slowlogArguments(command.name, args));
}

// Whether a command of `usec` microseconds goes to the slow log or the
// latency monitor: two comparisons on the hot path.
function isSlow(server: ServerInfo, usec: number, counters: CommandStats): boolean {
  const config = server.config;
  const slowerThan = config['slowlog-log-slower-than'];
  const threshold = config['latency-monitor-threshold'];
  return (
    (slowerThan >= 0 && usec >= slowerThan && !counters.skipSlowlog) ||
    (threshold > 0 && usec >= threshold * 1000)
  );
}

// The slow log's and the latency monitor's part of `account`.
function logSlow(
  session: Session,
  counters: CommandStats,
  usec: number,
  slowlogArgs: Buffer[] | null,
): void {
  const server = session.context.server;
  const config = server.config;
  const slowerThan = config['slowlog-log-slower-than'];
  if (slowlogArgs !== null && slowerThan >= 0 && usec >= slowerThan && !counters.skipSlowlog) {
    server.slowlog.push(
      {
        duration: usec,
        args: slowlogArgs,
        // Redis's Lua client has no address: "?:0", and no name.
        client: session.script ? '?:0' : session.remoteAddress,
        name: session.name,
      },
      config['slowlog-max-len'],
    );
  }
  const threshold = config['latency-monitor-threshold'];
  if (threshold > 0) {
    const ms = Math.floor(usec / 1000);
    if (ms >= threshold) server.latency.add(counters.fast ? 'fast-command' : 'command', ms);
  }
}

/**
 * A blocked command's block ended, its reply written in `usec`
 * microseconds (with an error reply when `failed`). Served (its keys
 * ready), its counters, histogram and the slow log get the rest of its
 * run, as Redis's updateStatsOnUnblock; timed out or unblocked by CLIENT
 * UNBLOCK, only a failure is counted, as in Redis 7.0.
 */
export function accountUnblock(
  session: Session,
  usec: number,
  failed: boolean,
  served: boolean,
): void {
  const blocked = session.blocked;
  if (blocked === null) return;
  session.blocked = null;
  const server = session.context.server;
  if (!served) {
    server.stats.unblocked(blocked.counters, 0, failed, false);
    return;
  }
  const total = blocked.usec + usec;
  server.stats.unblocked(
    blocked.counters,
    total,
    failed,
    server.config['latency-tracking'] === 'yes',
  );
  if (isSlow(server, total, blocked.counters))
    logSlow(session, blocked.counters, total, blocked.slowlogArgs);
}

// Tells key tracking which keys a read-only command read.
function rememberKeys(command: Command, context: CommandContext, args: RequestArgs): void {
  const name = command.subcommands === undefined ? command.name : fullName(command, args);
  if (!isReadOnly(name)) return;
  const argv: string[] = [];
  for (let i = 0; i < args.length; i++) argv.push(args.latin1(i));
  const keys = commandKeys(name, argv);
  if (keys === undefined || keys.length === 0) return;
  context.db.tracking.remember(
    context.session,
    keys.map((key) => argv[key.position]!),
  );
}
