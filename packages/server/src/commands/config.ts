/**
 * CONFIG: reads and changes the server's settings.
 *
 * ```text
 * CONFIG GET parameter [parameter ...] | CONFIG SET parameter value [parameter value ...]
 *   | CONFIG RESETSTAT | CONFIG HELP
 * ```
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { quoted, toInteger } from '../internal/args.js';
import { globMatch } from '../internal/glob.js';
import { MUTABLE_SETTINGS, type ServerConfig } from '../server-info.js';

function get(context: CommandContext, args: RequestArgs): void {
  const config = context.server.config;
  const found = new Map<string, string>();
  for (let i = 2; i < args.length; i++) {
    const pattern = args.latin1(i).toLowerCase();
    for (const [name, value] of Object.entries(config)) {
      if (globMatch(pattern, name)) found.set(name, String(value));
    }
  }
  const reply = context.reply;
  reply.mapHeader(found.size);
  for (const [name, value] of found) {
    reply.bulk(name);
    reply.bulk(value);
  }
}

function set(context: CommandContext, args: RequestArgs): void {
  const config = context.server.config;
  const changes: [keyof ServerConfig, string | number][] = [];
  for (let i = 2; i < args.length; i += 2) {
    const name = args.latin1(i).toLowerCase() as keyof ServerConfig;
    const text = args.latin1(i + 1);
    if (!(name in config)) {
      throw new CommandError(
        `ERR Unknown option or number of arguments for CONFIG SET - '${args.latin1(i)}'`,
      );
    }
    if (!MUTABLE_SETTINGS.has(name)) {
      throw new CommandError(
        `ERR CONFIG SET failed (possibly related to argument '${args.latin1(i)}') - can't set immutable config`,
      );
    }
    if (typeof config[name] === 'number') {
      const value = toInteger(text);
      if (typeof value !== 'number' || value < 0) {
        throw new CommandError(
          `ERR CONFIG SET failed (possibly related to argument '${args.latin1(i)}') - argument couldn't be parsed into an integer`,
        );
      }
      changes.push([name, value]);
    } else {
      changes.push([name, text]);
    }
  }
  // All or nothing, as Redis does.
  for (const [name, value] of changes)
    (config as unknown as Record<string, string | number>)[name] = value;
  context.reply.ok();
}

export const config: Command = {
  name: 'config',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  subcommands: new Set(['get', 'set', 'resetstat', 'help']),
  execute(context, args) {
    const sub = args.latin1(1).toLowerCase();
    switch (sub) {
      case 'get':
        if (args.length < 3) throw new CommandError(Replies.wrongArgs('config|get'));
        get(context, args);
        return;
      case 'set':
        if (args.length < 4 || args.length % 2 !== 0)
          throw new CommandError(Replies.wrongArgs('config|set'));
        set(context, args);
        return;
      case 'resetstat':
        if (args.length !== 2) throw new CommandError(Replies.wrongArgs('config|resetstat'));
        context.server.totalCommands = 0;
        context.server.totalConnections = 0;
        context.server.rejectedConnections = 0;
        context.reply.ok();
        return;
      case 'help':
        context.reply.arrayHeader(3);
        context.reply.simple('CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
        context.reply.simple('GET <pattern>, SET <directive> <value>, RESETSTAT');
        context.reply.simple('HELP');
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'config'));
    }
  },
};
