/**
 * SLOWLOG: reads and clears the slow log (slowlog.ts), the commands that
 * ran for at least `slowlog-log-slower-than` microseconds. GET's entries
 * are, newest first: id, Unix time, microseconds, the arguments (bounded),
 * the client's address and its name.
 *
 * ```text
 * SLOWLOG GET [count] | SLOWLOG LEN | SLOWLOG RESET | SLOWLOG HELP
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { quoted, toInteger } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';

// Redis 7.0's lines.
const HELP = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
];

export const slowlog: Command = {
  name: 'slowlog',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['get', -2],
    ['len', 2],
    ['reset', 2],
    ['help', 2],
  ]),
  execute({ reply, server }, args) {
    const log = server.slowlog;
    switch (args.latin1(1).toLowerCase()) {
      case 'get': {
        if (args.length > 3)
          throw new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'slowlog'));
        let count = 10;
        if (args.length === 3) {
          const given = toInteger(args.latin1(2));
          if (given === undefined || given < -1)
            throw new CommandError('ERR count should be greater than or equal to -1');
          count = given === -1 ? log.length : Number(given);
        }
        const entries = log.newest(count);
        reply.arrayHeader(entries.length);
        for (const entry of entries) {
          reply.arrayHeader(6);
          reply.integer(entry.id);
          reply.integer(entry.time);
          reply.integer(entry.duration);
          reply.arrayHeader(entry.args.length);
          for (const arg of entry.args) reply.bulk(arg);
          reply.bulk(entry.client);
          reply.bulk(entry.name);
        }
        return;
      }
      case 'len':
        reply.integer(log.length);
        return;
      case 'reset':
        log.reset();
        reply.ok();
        return;
      case 'help':
        replyHelp(reply, 'SLOWLOG', HELP);
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'slowlog'));
    }
  },
};
