/**
 * Runs one command for a session: finds it, checks arity, authentication
 * and the subscribe-mode rules in Redis's order, and turns a
 * `CommandError` into its error reply.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { Command } from './command.js';
import type { Db } from './db.js';
import { CommandError, errorBytes, Replies } from './errors.js';
import { quoted } from './internal/args.js';
import type { ServerInfo } from './server-info.js';
import type { Session } from './session.js';

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

// Whether `count` arguments (the name included) fit `arity` (negative: at least).
function arityFits(arity: number, count: number): boolean {
  return arity > 0 ? count === arity : count >= -arity;
}

// A container command's full name as Redis reports it (`client|list`);
// 'NULL' for an unknown subcommand, which Redis does not look up.
function fullName(command: Command, args: RequestArgs): string {
  if (args.length < 2) return command.name;
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

/**
 * Runs one parsed request for `session` and writes its reply (or error
 * reply) to the session's encoder. Never throws.
 */
export function dispatch(server: ServerInfo, db: Db, session: Session, args: RequestArgs): void {
  const reply = session.reply;
  const now = Date.now();
  server.totalCommands++;
  session.lastInteraction = now;
  const command = lookup(server, session, args);
  if (command === undefined) {
    session.lastCommand = 'NULL';
    reply.error(errorBytes(unknownCommand(args)));
    return;
  }
  const name = command.name;
  session.lastCommand = command.subcommands === undefined ? name : fullName(command, args);
  if (!arityFits(command.arity, args.length)) {
    reply.error(Replies.wrongArgs(command.name));
    return;
  }
  // A container's subcommand must exist and get its own arity, checked
  // here, before authentication and the subscribed-mode check, as Redis's
  // processCommand does.
  if (command.subcommands !== undefined && args.length >= 2) {
    const arity = command.subcommands.get(args.latin1(1).toLowerCase());
    if (arity === undefined) {
      reply.error(errorBytes(Replies.unknownSubcommand(quoted(args, 1), name)));
      return;
    }
    if (!arityFits(arity, args.length)) {
      reply.error(Replies.wrongArgs(session.lastCommand));
      return;
    }
  }
  if (!session.authenticated && !command.flags.includes('no_auth')) {
    reply.error(Replies.noAuth);
    return;
  }
  if (session.inSubscribeMode && !SUBSCRIBE_CONTEXT.has(name)) {
    reply.error(
      `ERR Can't execute '${session.lastCommand}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
    );
    return;
  }
  const context = session.context;
  context.keyspace = db.databases[session.db]!;
  context.now = now;
  try {
    command.execute(context, args);
  } catch (error) {
    if (error instanceof CommandError) {
      reply.error(errorBytes(error.message));
      return;
    }
    // A bug in a command must not take the server down: report it to this client.
    reply.error(
      `ERR internal error in '${command.name}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
