/**
 * SCRIPT: the Lua script cache. LOAD compiles and caches a script and
 * replies with its SHA1; EXISTS says which SHA1s are cached; FLUSH empties
 * the cache (ASYNC and SYNC alike: it is immediate here); KILL answers
 * NOTBUSY, since no script can be running while a command is read (a
 * script that runs too long is stopped by busy-reply-threshold instead);
 * DEBUG, Redis's Lua debugger, is not available here: DEBUG NO succeeds
 * (it is always off), DEBUG YES and SYNC are refused.
 *
 * ```text
 * SCRIPT LOAD script | EXISTS sha1 [sha1 ...] | FLUSH [ASYNC|SYNC] | KILL | DEBUG YES|SYNC|NO | HELP
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';
import { replyHelp } from '../internal/help.js';

// Redis 7.0's help lines.
const HELP = [
  'DEBUG (YES|SYNC|NO)',
  '    Set the debug mode for subsequent scripts executed.',
  'EXISTS <sha1> [<sha1> ...]',
  '    Return information about the existence of the scripts in the script cache.',
  'FLUSH [ASYNC|SYNC]',
  '    Flush the Lua scripts cache. Very dangerous on replicas.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the scripts cache.',
  '    * SYNC: Synchronously flush the scripts cache.',
  'KILL',
  '    Kill the currently executing Lua script.',
  'LOAD <script>',
  '    Load a script into the scripts cache without executing it.',
];

export const script: Command = {
  name: 'script',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['debug', 3],
    ['exists', -3],
    ['flush', -2],
    ['kill', 2],
    ['load', 3],
    ['help', 2],
  ]),
  execute(context, args) {
    const { reply, db } = context;
    const scripts = db.scripts;
    const subcommand = args.latin1(1).toLowerCase();
    switch (subcommand) {
      case 'load':
        reply.bulk(scripts.load(args.latin1(2), false).sha);
        return;
      case 'exists':
        reply.arrayHeader(args.length - 2);
        for (let i = 2; i < args.length; i++)
          reply.integer(scripts.has(args.latin1(i).toLowerCase()) ? 1 : 0);
        return;
      case 'flush': {
        const mode = args.length === 3 ? args.latin1(2).toLowerCase() : 'sync';
        if (args.length > 3 || (mode !== 'sync' && mode !== 'async'))
          throw new CommandError('ERR SCRIPT FLUSH only support SYNC|ASYNC option');
        scripts.flush();
        reply.ok();
        return;
      }
      case 'kill':
        throw new CommandError('NOTBUSY No scripts in execution right now.');
      case 'debug': {
        // The debugger is always off: turning it off succeeds, turning it
        // on is refused, and anything else gets Redis's usage error.
        const mode = args.latin1(2).toLowerCase();
        if (mode === 'no') {
          reply.ok();
          return;
        }
        if (mode !== 'yes' && mode !== 'sync')
          throw new CommandError('ERR Use SCRIPT DEBUG YES/SYNC/NO');
        throw new CommandError(
          'ERR SCRIPT DEBUG is not supported by mini-redis-server (it has no Lua debugger)',
        );
      }
      default:
        replyHelp(reply, 'SCRIPT', HELP);
    }
  },
};
