/**
 * EVAL: runs a Lua script with the given keys
 * (KEYS) and arguments (ARGV), and replies with what it returns. The
 * script is compiled and cached under its SHA1, for EVALSHA (scripts.ts).
 *
 * ```text
 * EVAL script numkeys [key ...] [arg ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { evalScript } from '../internal/eval.js';

export const evalCommand: Command = {
  name: 'eval',
  arity: -3,
  flags: ['noscript', 'skip_monitor', 'no_mandatory_keys', 'stale', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    evalScript(context, evalCommand, args, false, () =>
      context.db.scripts.load(args.latin1(1), true),
    );
  },
};
