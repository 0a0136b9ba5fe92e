/**
 * What EVAL, EVALSHA, FCALL and their read-only forms share: reading
 * numkeys, the keys and the arguments, and running the script or the
 * function (scripts.ts, functions.ts).
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { Command, CommandContext } from '../command.js';
import { CommandError } from '../errors.js';
import { LuaTable } from '../lua/table.js';
import { toInteger } from './args.js';

const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';

/**
 * Runs the script found (or loaded) by `find` with the keys and arguments
 * after numkeys. `command` is shown to MONITOR first, so the script's own
 * commands come after it, as in Redis. `bySha` (EVALSHA, EVALSHA_RO): an
 * argument that is not 40 bytes long cannot name a script, and is
 * NOSCRIPT before numkeys is read, as Redis's evalShaCommand answers it.
 */
export function evalScript(
  context: CommandContext,
  command: Command,
  args: RequestArgs,
  readOnly: boolean,
  find: () => ReturnType<CommandContext['db']['scripts']['load']>,
  bySha = false,
): void {
  const monitors = context.db.monitors;
  if (monitors.active) monitors.feed(context.session, command, args);
  if (bySha && args.byteLength(1) !== 40) throw new CommandError(NOSCRIPT);
  const numkeys = readNumkeys(args, 'ERR value is not an integer or out of range');
  const script = find();
  const keys: string[] = [];
  const argv: string[] = [];
  for (let i = 3; i < 3 + numkeys; i++) keys.push(args.latin1(i));
  for (let i = 3 + numkeys; i < args.length; i++) argv.push(args.latin1(i));
  context.db.scripts.run(context, script, keys, argv, readOnly);
}

/**
 * Runs the function FCALL or FCALL_RO names (any case) with its keys and
 * arguments as the callback's two parameters. `command` is shown to
 * MONITOR first, as for EVAL.
 */
export function callFunction(
  context: CommandContext,
  command: Command,
  args: RequestArgs,
  readOnly: boolean,
): void {
  const monitors = context.db.monitors;
  if (monitors.active) monitors.feed(context.session, command, args);
  // The function is looked up before numkeys is read, as in Redis.
  const fn = context.db.functions.get(args.latin1(1));
  if (fn === undefined) throw new CommandError('ERR Function not found');
  const numkeys = readNumkeys(args, 'ERR Bad number of keys provided');
  const keys = new LuaTable(numkeys, 0);
  const argv = new LuaTable(args.length - 3 - numkeys, 0);
  for (let i = 0; i < numkeys; i++) keys.set(i + 1, args.latin1(3 + i));
  for (let i = 3 + numkeys; i < args.length; i++) argv.set(i - 2 - numkeys, args.latin1(i));
  context.db.scripts.execute(context, fn.callback, [keys, argv], readOnly, {
    name: fn.name,
    source: 'user_function',
    flags: fn.flags,
  });
}

// numkeys (argument 2), as string2ll reads it; `notInteger` is the reply
// when it is not an integer.
function readNumkeys(args: RequestArgs, notInteger: string): number {
  const numkeys = toInteger(args.latin1(2));
  if (numkeys === undefined) throw new CommandError(notInteger);
  if (numkeys > args.length - 3)
    throw new CommandError("ERR Number of keys can't be greater than number of args");
  if (numkeys < 0) throw new CommandError("ERR Number of keys can't be negative");
  return Number(numkeys);
}

/** EVALSHA's lookup: the cached script, or NOSCRIPT. */
export function cachedScript(
  context: CommandContext,
  args: RequestArgs,
): ReturnType<CommandContext['db']['scripts']['load']> {
  const script = context.db.scripts.get(args.latin1(1));
  if (script === undefined) throw new CommandError(NOSCRIPT);
  return script;
}
