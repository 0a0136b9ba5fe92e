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
import { CommandError, Replies } from './errors.js';
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
    listed += `'${args.latin1(i).slice(0, 128 - listed.length)}' `;
  }
  return `ERR unknown command '${args.latin1(0).slice(0, 128)}', with args beginning with: ${listed}`;
}

// A container command's full name as Redis reports it (`client|list`);
// 'NULL' for an unknown subcommand, which Redis does not look up.
function fullName(command: Command, args: RequestArgs): string {
  if (args.length < 2) return command.name;
  const sub = args.latin1(1).toLowerCase();
  return command.subcommands?.has(sub) === true ? `${command.name}|${sub}` : 'NULL';
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
  // The table holds lower- and upper-case names, so the usual spellings
  // need no toLowerCase (measured on the redis-benchmark path).
  const raw = args.latin1(0);
  const command = server.lookup.get(raw) ?? server.lookup.get(raw.toLowerCase());
  const name = command?.name ?? '';
  if (command === undefined) {
    session.lastCommand = 'NULL';
    reply.error(unknownCommand(args));
    return;
  }
  session.lastCommand = command.subcommands === undefined ? name : fullName(command, args);
  if ((command.arity > 0 && args.length !== command.arity) || args.length < -command.arity) {
    reply.error(Replies.wrongArgs(command.name));
    return;
  }
  if (!session.authenticated && !command.flags.includes('noauth')) {
    reply.error(Replies.noAuth);
    return;
  }
  if (session.inSubscribeMode && !SUBSCRIBE_CONTEXT.has(name)) {
    reply.error(
      `ERR Can't execute '${command.name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
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
      reply.error(error.message);
      return;
    }
    // A bug in a command must not take the server down: report it to this client.
    reply.error(
      `ERR internal error in '${command.name}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
