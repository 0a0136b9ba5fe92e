/**
 * ACL: the users of the access control list (acl/), as Redis 7.0.
 *
 * ```text
 * ACL SETUSER username [rule ...]   | ACL GETUSER username | ACL DELUSER username [username ...]
 * ACL USERS | ACL LIST | ACL WHOAMI | ACL CAT [category]   | ACL GENPASS [bits]
 * ACL LOG [count | RESET]           | ACL DRYRUN username command [arg ...]
 * ACL LOAD | ACL SAVE               | ACL HELP
 * ```
 *
 * Changing or deleting a user takes effect at once for its connections:
 * they run as the changed user, a deleted user's connections are closed
 * (the caller's own after this reply), and a user's subscribers whose
 * channels the change took away are closed.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { RequestArgs } from '@mini-redis/resp';
import { AclSetUserError } from '../acl/access-control.js';
import { CATEGORIES, categoryIndex, commandsInCategory } from '../acl/command-table.js';
import {
  describeCommandRules,
  describeKeyPattern,
  describeUser,
  userFlags,
} from '../acl/describe.js';
import type { Selector } from '../acl/selector.js';
import type { AclUser } from '../acl/user.js';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { quoted, toInteger } from '../internal/args.js';
import { globMatch } from '../internal/glob.js';
import { replyHelp } from '../internal/help.js';
import { formatG } from '../lua/value.js';
import type { ServerInfo } from '../server-info.js';
import type { Session } from '../session.js';

// Redis 7.0's lines.
const HELP = [
  'CAT [<category>]',
  '    List all commands that belong to <category>, or all command categories',
  '    when no category is specified.',
  'DELUSER <username> [<username> ...]',
  '    Delete a list of users.',
  'DRYRUN <username> <command> [<arg> ...]',
  '    Returns whether the user can execute the given command without executing the command.',
  'GETUSER <username>',
  "    Get the user's details.",
  'GENPASS [<bits>]',
  '    Generate a secure 256-bit user password. The optional `bits` argument can',
  '    be used to specify a different size.',
  'LIST',
  '    Show users details in config file format.',
  'LOAD',
  '    Reload users from the ACL file.',
  'LOG [<count> | RESET]',
  '    Show the ACL log entries.',
  'SAVE',
  '    Save the current config to the ACL file.',
  'SETUSER <username> <attribute> [<attribute> ...]',
  '    Create or modify a user with the specified attributes.',
  'USERS',
  '    List all the registered usernames.',
  'WHOAMI',
  '    Return the current connection username.',
];

const NO_ACL_FILE =
  'ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.';

const GENPASS_MAX_BITS = 4096;

function syntaxError(args: RequestArgs): CommandError {
  return new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'acl'));
}

// Closes the connections running as `user`, back to the default user
// unauthenticated meanwhile, as Redis's ACLFreeUserAndKillClients; the
// caller's own after this reply.
function closeSessionsOf(server: ServerInfo, user: AclUser, caller: Session): void {
  for (const session of [...server.sessions.values()]) {
    if (session.user !== user) continue;
    session.user = server.acl.defaultUser;
    session.authenticated = false;
    if (session === caller) session.closeAfterReply = true;
    else session.kill();
  }
}

// ACL SETUSER took channels away from `user` (Redis's
// ACLKillPubsubClientsIfNeeded): its subscribers whose channels or
// patterns the new rules refuse are closed. Nothing is checked when a
// selector allows every channel, or every old channel pattern is still
// there.
function closeRefusedSubscribers(
  server: ServerInfo,
  user: AclUser,
  before: AclUser,
  caller: Session,
): void {
  if (user.selectors.some((selector) => selector.allChannels)) return;
  const upcoming = user.selectors.flatMap((selector) => selector.channels);
  const kept = before.selectors.every((selector) =>
    selector.channels.every((channel) => upcoming.includes(channel)),
  );
  if (kept) return;
  const allowed = (name: string, literal: boolean) =>
    upcoming.some((pattern) => (literal ? pattern === name : globMatch(pattern, name)));
  for (const session of [...server.sessions.values()]) {
    if (session.user !== user || !session.subscribed) continue;
    const refused =
      [...session.patterns.keys()].some((pattern) => !allowed(pattern, true)) ||
      [...session.channels.keys()].some((channel) => !allowed(channel, false)) ||
      [...session.shardChannels.keys()].some((channel) => !allowed(channel, false));
    if (!refused) continue;
    if (session === caller) session.closeAfterReply = true;
    else session.kill();
  }
}

function setuser({ server, session, reply }: CommandContext, args: RequestArgs): void {
  const rules: string[] = [];
  for (let i = 3; i < args.length; i++) rules.push(args.latin1(i));
  let result: ReturnType<typeof server.acl.setUser>;
  try {
    result = server.acl.setUser(args.latin1(2), rules);
  } catch (error) {
    if (error instanceof AclSetUserError) throw new CommandError(`ERR ${error.message}`);
    throw error;
  }
  if (result.before !== undefined)
    closeRefusedSubscribers(server, result.user, result.before, session);
  reply.ok();
}

// One selector's commands, keys and channels, as GETUSER shows them.
function replySelector(reply: CommandContext['reply'], selector: Selector): void {
  reply.bulk('commands');
  reply.bulk(Buffer.from(describeCommandRules(selector), 'latin1'));
  // Patterns are bytes (Latin-1 strings here): sent back as those bytes.
  reply.bulk('keys');
  reply.bulk(
    Buffer.from(
      selector.allKeys
        ? '~*'
        : selector.keyPatterns.map((key) => describeKeyPattern(key)).join(' '),
      'latin1',
    ),
  );
  reply.bulk('channels');
  reply.bulk(
    Buffer.from(
      selector.allChannels ? '&*' : selector.channels.map((channel) => `&${channel}`).join(' '),
      'latin1',
    ),
  );
}

function getuser({ server, reply }: CommandContext, args: RequestArgs): void {
  const user = server.acl.user(args.latin1(2));
  if (user === undefined) {
    reply.null();
    return;
  }
  reply.mapHeader(6);
  reply.bulk('flags');
  const flags = userFlags(user);
  reply.setHeader(flags.length);
  for (const flag of flags) reply.bulk(flag);
  reply.bulk('passwords');
  reply.arrayHeader(user.passwords.length);
  for (const hash of user.passwords) reply.bulk(hash);
  replySelector(reply, user.root);
  reply.bulk('selectors');
  reply.arrayHeader(user.selectors.length - 1);
  for (const selector of user.selectors.slice(1)) {
    reply.mapHeader(3);
    replySelector(reply, selector);
  }
}

function deluser({ server, session, reply }: CommandContext, args: RequestArgs): void {
  const names: string[] = [];
  for (let i = 2; i < args.length; i++) names.push(args.latin1(i));
  if (names.includes('default')) throw new CommandError("ERR The 'default' user cannot be removed");
  const deleted = server.acl.deleteUsers(names);
  for (const user of deleted) closeSessionsOf(server, user, session);
  reply.integer(deleted.length);
}

function log({ server, reply, now }: CommandContext, args: RequestArgs): void {
  const acl = server.acl;
  let count = 10;
  if (args.length === 3) {
    if (args.latin1(2).toLowerCase() === 'reset') {
      acl.log.reset();
      reply.ok();
      return;
    }
    const given = toInteger(args.latin1(2));
    if (given === undefined) throw new CommandError(Replies.notInteger);
    count = given < 0 ? 0 : Number(given > BigInt(acl.log.length) ? acl.log.length : given);
  }
  const entries = acl.log.newest(count);
  reply.arrayHeader(entries.length);
  for (const entry of entries) {
    reply.mapHeader(7);
    reply.bulk('count');
    reply.integer(entry.count);
    reply.bulk('reason');
    reply.bulk(entry.reason);
    reply.bulk('context');
    reply.bulk(entry.context);
    reply.bulk('object');
    reply.bulk(Buffer.from(entry.object, 'latin1'));
    reply.bulk('username');
    reply.bulk(Buffer.from(entry.username, 'latin1'));
    reply.bulk('age-seconds');
    const age = (now - entry.time) / 1000;
    // Redis writes it with %.17g (0.0060000000000000001), not the shortest form.
    reply.double(age, formatG(age, 17));
    reply.bulk('client-info');
    reply.bulk(Buffer.from(entry.clientInfo, 'latin1'));
  }
}

function dryrun({ server, reply }: CommandContext, args: RequestArgs): void {
  const user = server.acl.user(args.latin1(2));
  if (user === undefined) throw new CommandError(`ERR User '${quoted(args, 2)}' not found`);
  // The command as Redis's lookupCommand finds it: a container needs a
  // known subcommand. Its arguments are not checked.
  const command =
    server.commands.get(args.latin1(3).toLowerCase()) ??
    server.commands.get(args.latin1(3).toUpperCase());
  let name = command?.name;
  if (command?.subcommands !== undefined && args.length > 4) {
    const sub = args.latin1(4).toLowerCase();
    name = command.subcommands.has(sub) ? `${command.name}|${sub}` : undefined;
  }
  if (name === undefined) throw new CommandError(`ERR Command '${quoted(args, 3)}' not found`);
  // Its arity, as Redis 7.0.15 checks it (a container's subcommand's own).
  const arity = command!.subcommands?.get(name.slice(name.indexOf('|') + 1)) ?? command!.arity;
  const count = args.length - 3;
  if (arity > 0 ? count !== arity : count < -arity) throw new CommandError(Replies.wrongArgs(name));
  // The command's own arguments, its name first, as the ACL checks them.
  const request = new RequestArgs();
  for (let i = 3; i < args.length; i++) {
    const bytes = args.buffer(i);
    request._push(bytes, 0, bytes.length);
  }
  const denied = server.acl.check(user, name, request);
  if (denied === undefined) {
    reply.ok();
    return;
  }
  const object = request.latin1(denied.position);
  reply.bulk(
    Buffer.from(
      denied.reason === 'command'
        ? `This user has no permissions to run the '${name}' command`
        : `This user has no permissions to access the '${object}' ${denied.reason}`,
      'latin1',
    ),
  );
}

function cat({ reply }: CommandContext, args: RequestArgs): void {
  if (args.length === 2) {
    reply.arrayHeader(CATEGORIES.length);
    for (const category of CATEGORIES) reply.bulk(category);
    return;
  }
  const index = categoryIndex(args.latin1(2));
  if (index === -1)
    throw new CommandError(`ERR Unknown category '${quoted(args, 2).slice(0, 128)}'`);
  const commands = commandsInCategory(index);
  reply.arrayHeader(commands.length);
  for (const command of commands) reply.bulk(command.fullName);
}

function genpass({ reply }: CommandContext, args: RequestArgs): void {
  let bits = 256n;
  if (args.length === 3) {
    const given = toInteger(args.latin1(2));
    if (given === undefined) throw new CommandError(Replies.notInteger);
    bits = BigInt(given);
  }
  if (bits <= 0n || bits > BigInt(GENPASS_MAX_BITS))
    throw new CommandError(
      `ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to ${GENPASS_MAX_BITS}`,
    );
  const chars = Number((bits + 3n) / 4n);
  reply.bulk(
    randomBytes(Math.ceil(chars / 2))
      .toString('hex')
      .slice(0, chars),
  );
}

function loadFile({ server, session, reply }: CommandContext): void {
  const result = server.acl.load(server.config.aclfile, server.config.dir);
  if ('errors' in result) throw new CommandError(`ERR ${result.errors}`);
  // Redis frees every user the file replaced, closing their connections.
  for (const user of result.replaced) closeSessionsOf(server, user, session);
  reply.ok();
}

function saveFile({ server, reply }: CommandContext): void {
  try {
    server.acl.save(server.config.aclfile, server.config.dir);
  } catch {
    throw new CommandError(
      'ERR There was an error trying to save the ACLs. Please check the server logs for more information',
    );
  }
  reply.ok();
}

export const acl: Command = {
  name: 'acl',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['cat', -2],
    ['deluser', -3],
    ['dryrun', -4],
    ['genpass', -2],
    ['getuser', 3],
    ['help', 2],
    ['list', 2],
    ['load', 2],
    ['log', -2],
    ['save', 2],
    ['setuser', -3],
    ['users', 2],
    ['whoami', 2],
  ]),
  execute(context, args) {
    const { server, session, reply } = context;
    const sub = args.latin1(1).toLowerCase();
    switch (sub) {
      case 'setuser':
        setuser(context, args);
        return;
      case 'deluser':
        deluser(context, args);
        return;
      case 'getuser':
        getuser(context, args);
        return;
      case 'users':
      case 'list': {
        const users = server.acl.users();
        reply.arrayHeader(users.length);
        for (const user of users) {
          const text = sub === 'users' ? user.name : `user ${user.name} ${describeUser(user)}`;
          reply.bulk(Buffer.from(text, 'latin1'));
        }
        return;
      }
      case 'whoami':
        reply.bulk(Buffer.from(session.user.name, 'latin1'));
        return;
      case 'load':
      case 'save':
        if (server.config.aclfile === '') throw new CommandError(NO_ACL_FILE);
        if (sub === 'load') loadFile(context);
        else saveFile(context);
        return;
      case 'cat':
        if (args.length > 3) throw syntaxError(args);
        cat(context, args);
        return;
      case 'genpass':
        if (args.length > 3) throw syntaxError(args);
        genpass(context, args);
        return;
      case 'log':
        if (args.length > 3) throw syntaxError(args);
        log(context, args);
        return;
      case 'dryrun':
        dryrun(context, args);
        return;
      default:
        replyHelp(reply, 'ACL', HELP);
    }
  },
};
