/**
 * FUNCTION: Redis 7's function libraries (functions.ts). LOAD compiles a
 * library and registers its functions; DELETE and FLUSH drop libraries;
 * LIST describes them; STATS counts them (no function is ever running
 * while a command is read, so running_script is always null); KILL
 * answers NOTBUSY for the same reason; DUMP and RESTORE move libraries
 * between servers in Redis's payload format.
 *
 * ```text
 * FUNCTION LOAD [REPLACE] code | DELETE library | LIST [LIBRARYNAME pattern] [WITHCODE]
 *   | STATS | KILL | FLUSH [ASYNC|SYNC] | DUMP | RESTORE payload [FLUSH|APPEND|REPLACE] | HELP
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder } from '@mini-redis/resp';
import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { Library } from '../functions.js';
import { replyHelp } from '../internal/help.js';
import { dumpFunctions, readFunctions } from '../rdb/function-payload.js';
import { SCRIPT_FLAGS } from '../scripts.js';

// Redis 7.0's help lines.
const HELP = [
  'LOAD [REPLACE] <FUNCTION CODE>',
  '    Create a new library with the given library name and code.',
  'DELETE <LIBRARY NAME>',
  '    Delete the given library.',
  'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
  '    Return general information on all the libraries:',
  '    * Library name',
  '    * The engine used to run the Library',
  '    * Library description',
  '    * Functions list',
  '    * Library code (if WITHCODE is given)',
  '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
  'STATS',
  '    Return information about the current function running:',
  '    * Function name',
  '    * Command used to run the function',
  '    * Duration in MS that the function is running',
  '    If no function is running, return nil',
  '    In addition, returns a list of available engines.',
  'KILL',
  '    Kill the current running function.',
  'FLUSH [ASYNC|SYNC]',
  '    Delete all the libraries.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the libraries.',
  '    * SYNC: Synchronously flush the libraries.',
  'DUMP',
  '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
  'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
  '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
  '    control how to handle existing libraries (default APPEND):',
  '    * FLUSH: delete all existing libraries.',
  '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
  '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
  '      libraries with the new libraries (notice that even on this option there is a chance of failure',
  '      in case of functions name collision with another library).',
];

// One library as FUNCTION LIST describes it.
function writeLibrary(reply: ReplyEncoder, library: Library, withCode: boolean): void {
  reply.mapHeader(withCode ? 4 : 3);
  reply.bulk('library_name');
  reply.bulk(Buffer.from(library.name, 'latin1'));
  reply.bulk('engine');
  reply.bulk('LUA');
  reply.bulk('functions');
  reply.arrayHeader(library.functions.size);
  for (const fn of library.functions.values()) {
    reply.mapHeader(3);
    reply.bulk('name');
    reply.bulk(Buffer.from(fn.name, 'latin1'));
    reply.bulk('description');
    if (fn.description === null) reply.null();
    else reply.bulk(Buffer.from(fn.description, 'latin1'));
    reply.bulk('flags');
    const flags = SCRIPT_FLAGS.filter((flag) => fn.flags.has(flag));
    reply.setHeader(flags.length);
    for (const flag of flags) reply.simple(flag);
  }
  if (withCode) {
    reply.bulk('library_code');
    reply.bulk(Buffer.from(library.code, 'latin1'));
  }
}

export const functionCommand: Command = {
  name: 'function',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['load', -3],
    ['delete', 3],
    ['list', -2],
    ['stats', 2],
    ['kill', 2],
    ['flush', -2],
    ['dump', 2],
    ['restore', -3],
    ['help', 2],
  ]),
  execute(context, args) {
    const { reply, db } = context;
    const functions = db.functions;
    const subcommand = args.latin1(1).toLowerCase();
    switch (subcommand) {
      case 'load': {
        // Options up to the last argument, which is the code.
        let replace = false;
        for (let i = 2; i < args.length - 1; i++) {
          const option = args.latin1(i);
          if (option.toLowerCase() !== 'replace')
            throw new CommandError(`ERR Unknown option given: ${option}`);
          replace = true;
        }
        const name = functions.load(args.latin1(args.length - 1), replace);
        reply.bulk(Buffer.from(name, 'latin1'));
        return;
      }
      case 'delete':
        functions.delete(args.latin1(2));
        reply.ok();
        return;
      case 'list': {
        let withCode = false;
        let pattern: string | undefined;
        for (let i = 2; i < args.length; i++) {
          const word = args.latin1(i);
          const lower = word.toLowerCase();
          if (!withCode && lower === 'withcode') {
            withCode = true;
            continue;
          }
          if (pattern === undefined && lower === 'libraryname') {
            if (i >= args.length - 1)
              throw new CommandError('ERR library name argument was not given');
            pattern = args.latin1(++i);
            continue;
          }
          throw new CommandError(`ERR Unknown argument ${word}`);
        }
        const libraries = functions.list(pattern);
        reply.arrayHeader(libraries.length);
        for (const library of libraries) writeLibrary(reply, library, withCode);
        return;
      }
      case 'stats':
        reply.mapHeader(2);
        reply.bulk('running_script');
        reply.null();
        reply.bulk('engines');
        reply.mapHeader(1);
        reply.bulk('LUA');
        reply.mapHeader(2);
        reply.bulk('libraries_count');
        reply.integer(functions.libraryCount);
        reply.bulk('functions_count');
        reply.integer(functions.functionCount);
        return;
      case 'kill':
        throw new CommandError('NOTBUSY No scripts in execution right now.');
      case 'flush': {
        if (args.length > 3)
          throw new CommandError(Replies.subcommandSyntax(args.latin1(1), 'function'));
        const mode = args.length === 3 ? args.latin1(2).toLowerCase() : 'sync';
        if (mode !== 'sync' && mode !== 'async')
          throw new CommandError('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
        functions.flush();
        reply.ok();
        return;
      }
      case 'dump':
        reply.bulk(
          dumpFunctions(
            [...functions.libraries].map((library) => library.code),
            context.server.config.rdbcompression === 'yes',
          ),
        );
        return;
      case 'restore': {
        if (args.length > 4)
          throw new CommandError(Replies.subcommandSyntax(args.latin1(1), 'function'));
        const policy = args.length === 4 ? args.latin1(3).toLowerCase() : 'append';
        if (policy !== 'append' && policy !== 'replace' && policy !== 'flush')
          throw new CommandError(
            'ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.',
          );
        functions.restore(readFunctions(args.buffer(2)), policy);
        reply.ok();
        return;
      }
      default:
        replyHelp(reply, 'FUNCTION', HELP);
    }
  },
};
