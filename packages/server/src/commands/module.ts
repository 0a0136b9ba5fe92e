/**
 * MODULE: this server loads no modules. LIST replies with the empty list
 * (what a client that probes for RedisJSON or RediSearch needs to know);
 * LOAD, LOADEX and UNLOAD reply as Redis 7.0 does when its
 * enable-module-command is "no", its default.
 *
 * ```text
 * MODULE LIST | LOAD path [arg ...] | LOADEX path [CONFIG name value ...] [ARGS arg ...] | UNLOAD name | HELP
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';
import { replyHelp } from '../internal/help.js';

// Redis 7.0's help lines.
const HELP = [
  'LIST',
  '    Return a list of loaded modules.',
  'LOAD <path> [<arg> ...]',
  '    Load a module library from <path>, passing to it any optional arguments.',
  'LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]',
  '    Load a module library from <path>, while passing it module configurations and optional arguments.',
  'UNLOAD <name>',
  '    Unload a module.',
];

export const moduleCommand: Command = {
  name: 'module',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['list', 2],
    ['load', -3],
    ['loadex', -3],
    ['unload', 3],
    ['help', 2],
  ]),
  execute({ reply }, args) {
    switch (args.latin1(1).toLowerCase()) {
      case 'list':
        reply.arrayHeader(0);
        return;
      case 'help':
        replyHelp(reply, 'MODULE', HELP);
        return;
      default:
        throw new CommandError(
          'ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
        );
    }
  },
};
