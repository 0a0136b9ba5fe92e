/**
 * What EVAL, EVALSHA and their read-only forms share: reading numkeys,
 * the keys and the arguments, and running the script (scripts.ts).
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { Command, CommandContext } from '../command.js';
import { CommandError } from '../errors.js';

/**
 * Runs the script found (or loaded) by `find` with the keys and arguments
 * after numkeys. `command` is shown to MONITOR first, so the script's own
 * commands come after it, as in Redis.
 */
export function evalScript(
  context: CommandContext,
  command: Command,
  args: RequestArgs,
  readOnly: boolean,
  find: () => ReturnType<CommandContext['db']['scripts']['load']>,
): void {
  const monitors = context.db.monitors;
  if (monitors.active) monitors.feed(context.session, command, args);
  const numkeysText = args.latin1(2);
  if (!/^-?\d+$/.test(numkeysText) || Math.abs(Number(numkeysText)) > Number.MAX_SAFE_INTEGER)
    throw new CommandError('ERR value is not an integer or out of range');
  const numkeys = Number(numkeysText);
  if (numkeys > args.length - 3)
    throw new CommandError("ERR Number of keys can't be greater than number of args");
  if (numkeys < 0) throw new CommandError("ERR Number of keys can't be negative");
  const script = find();
  const keys: string[] = [];
  const argv: string[] = [];
  for (let i = 3; i < 3 + numkeys; i++) keys.push(args.latin1(i));
  for (let i = 3 + numkeys; i < args.length; i++) argv.push(args.latin1(i));
  context.db.scripts.run(context, script, keys, argv, readOnly);
}

/** EVALSHA's lookup: the cached script, or NOSCRIPT. */
export function cachedScript(
  context: CommandContext,
  args: RequestArgs,
): ReturnType<CommandContext['db']['scripts']['load']> {
  const script = context.db.scripts.get(args.latin1(1));
  if (script === undefined) throw new CommandError('NOSCRIPT No matching script. Please use EVAL.');
  return script;
}
