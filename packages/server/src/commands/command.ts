/**
 * COMMAND: describes the commands this server implements, in Redis's own
 * words (internal/redis-commands.ts): COMMAND and COMMAND INFO give Redis's
 * descriptions (flags, key specs, ACL categories), COMMAND DOCS its docs,
 * from which redis-cli builds its hints and `help`; COMMAND LIST names
 * commands and subcommands (internal/command-list.ts), and COMMAND GETKEYS
 * reads a command's keys from its key specs (internal/command-keys.ts).
 *
 * ```text
 * COMMAND | COMMAND COUNT | COMMAND INFO [name ...] | COMMAND DOCS [name ...]
 *   | COMMAND LIST [FILTERBY MODULE|ACLCAT|PATTERN value]
 *   | COMMAND GETKEYS command [arg ...] | COMMAND GETKEYSANDFLAGS command [arg ...]
 *   | COMMAND HELP
 * ```
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { Command } from '../command.js';
import { NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { option, quoted } from '../internal/args.js';
import { commandKeys, hasFlag, keySpecs } from '../internal/command-keys.js';
import { type CommandListFilter, commandNames } from '../internal/command-list.js';
import { replyHelp } from '../internal/help.js';
import {
  writeCommandDocs,
  writeCommandInfo,
  writeSubcommandDocs,
  writeSubcommandInfo,
} from '../internal/write-command-reference.js';

// Redis 7.0's lines for the subcommands this server has (no GETKEYS).
const HELP = [
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
];

export const command: Command = {
  name: 'command',
  arity: -1,
  flags: ['loading', 'stale'],
  keys: NO_KEYS,
  subcommands: new Map([
    ['count', 2],
    ['list', -2],
    ['info', -2],
    ['docs', -2],
    ['getkeys', -4],
    ['getkeysandflags', -4],
    ['help', 2],
  ]),
  execute({ reply, server }, args) {
    const commands = server.commands;
    if (args.length === 1) {
      reply.arrayHeader(commands.size);
      for (const entry of commands.values()) writeCommandInfo(reply, entry);
      return;
    }
    const sub = args.latin1(1).toLowerCase();
    switch (sub) {
      case 'count':
        if (args.length !== 2) throw new CommandError(Replies.wrongArgs('command|count'));
        reply.integer(commands.size);
        return;
      case 'list': {
        const names = commandNames(commands, listFilter(args));
        reply.arrayHeader(names.length);
        for (const name of names) reply.bulk(name);
        return;
      }
      case 'info': {
        const names = args.length === 2 ? [...commands.keys()] : [];
        for (let i = 2; i < args.length; i++) names.push(args.latin1(i).toLowerCase());
        reply.arrayHeader(names.length);
        for (const name of names) {
          const found = lookupByFullName(commands, name);
          // Redis's addReplyNull: `$-1` in RESP2, not a null array.
          if (found === undefined) reply.null();
          else if (found.fullName === undefined) writeCommandInfo(reply, found.command);
          else writeSubcommandInfo(reply, found.command, found.fullName);
        }
        return;
      }
      case 'docs': {
        const found: { command: Command; fullName?: string }[] = [];
        if (args.length === 2) for (const command of commands.values()) found.push({ command });
        for (let i = 2; i < args.length; i++) {
          const entry = lookupByFullName(commands, args.latin1(i).toLowerCase());
          if (entry !== undefined) found.push(entry);
        }
        // Redis 7.0's docs: redis-cli builds its hints and `help` from them.
        reply.mapHeader(found.length);
        for (const { command, fullName } of found) {
          // Its own name, also when renamed (rename-command), as Redis's.
          reply.bulk(fullName ?? command.name);
          if (fullName === undefined) writeCommandDocs(reply, command);
          else writeSubcommandDocs(reply, command, fullName);
        }
        return;
      }
      case 'getkeys':
      case 'getkeysandflags':
        replyKeys(reply, commands, args, sub === 'getkeysandflags');
        return;
      case 'help':
        replyHelp(reply, 'COMMAND', HELP);
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'command'));
    }
  },
};

// COMMAND LIST's options, parsed as Redis 7.0's commandListCommand does:
// FILTERBY followed by exactly two arguments (so it can only come last),
// anything else a syntax error.
function listFilter(args: RequestArgs): CommandListFilter | undefined {
  let filter: CommandListFilter | undefined;
  for (let i = 2; i < args.length; i++) {
    if (option(args, i) !== 'FILTERBY' || args.length - 1 - i !== 2)
      throw new CommandError(Replies.syntax);
    const type = option(args, i + 1);
    if (type !== 'MODULE' && type !== 'ACLCAT' && type !== 'PATTERN')
      throw new CommandError(Replies.syntax);
    filter = { type: type.toLowerCase() as CommandListFilter['type'], arg: args.latin1(i + 2) };
    i += 2;
  }
  return filter;
}

// Redis's lookupCommandBySds: a command by name, or a container's
// subcommand by its full name ("config|get"); more than one '|', an
// unknown part or a command without subcommands is none.
function lookupByFullName(
  commands: ReadonlyMap<string, Command>,
  name: string,
): { command: Command; fullName?: string } | undefined {
  const parts = name.split('|');
  const command = commands.get(parts[0]!);
  if (command === undefined || parts.length > 2) return undefined;
  if (parts.length === 1) return { command };
  if (command.subcommands?.has(parts[1]!) !== true) return undefined;
  return { command, fullName: `${command.name}|${parts[1]}` };
}

// COMMAND GETKEYS|GETKEYSANDFLAGS <command> [args...], with Redis 7.0's
// checks in its order (getKeysSubcommandImpl): a known command (a
// container's subcommand when one is named), one that has keys, the
// command's own arity, then key specs that fit the arguments.
function replyKeys(
  reply: ReplyEncoder,
  commands: ReadonlyMap<string, Command>,
  args: RequestArgs,
  withFlags: boolean,
): void {
  const name = args.latin1(2).toLowerCase();
  const target = commands.get(name);
  if (target === undefined) throw new CommandError('ERR Invalid command specified');
  // Its key specs under its own name, also when renamed.
  let fullName = target.name;
  let arity = target.arity;
  if (target.subcommands !== undefined && args.length > 3) {
    const sub = args.latin1(3).toLowerCase();
    const subArity = target.subcommands.get(sub);
    if (subArity === undefined) throw new CommandError('ERR Invalid command specified');
    fullName = `${target.name}|${sub}`;
    arity = subArity;
  }
  if (keySpecs(fullName).length === 0)
    throw new CommandError('ERR The command has no key arguments');
  const argc = args.length - 2;
  if ((arity > 0 && arity !== argc) || argc < -arity)
    throw new CommandError('ERR Invalid number of arguments specified for command');
  const argv: string[] = [];
  for (let i = 2; i < args.length; i++) argv.push(args.latin1(i));
  const keys = commandKeys(fullName, argv);
  if (keys === undefined || keys.length === 0) {
    // No key found: fine for a command whose keys are optional (EVAL
    // with numkeys 0), Redis's CMD_NO_MANDATORY_KEYS.
    if (hasFlag(fullName, 'no_mandatory_keys')) {
      reply.arrayHeader(0);
      return;
    }
    throw new CommandError('ERR Invalid arguments specified for command');
  }
  reply.arrayHeader(keys.length);
  for (const key of keys) {
    if (withFlags) reply.arrayHeader(2);
    reply.bulk(args.copy(key.position + 2));
    if (!withFlags) continue;
    // A set of status strings, as Redis's addReplyFlagsForKeyArgs.
    reply.setHeader(key.flags.length);
    for (const flag of key.flags) reply.simple(flag);
  }
}
