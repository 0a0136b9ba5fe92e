/**
 * EVAL_RO: runs a Lua script that may not write (a write command in it fails) with the given keys
 * (KEYS) and arguments (ARGV), and replies with what it returns. The
 * script is compiled and cached under its SHA1, for EVALSHA (scripts.ts).
 *
 * ```text
 * EVAL_RO script numkeys [key ...] [arg ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { evalScript } from '../internal/eval.js';

export const evalRo: Command = {
  name: 'eval_ro',
  arity: -3,
  flags: ['noscript', 'skip_monitor', 'no_mandatory_keys', 'stale', 'readonly', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    evalScript(context, evalRo, args, true, () => context.db.scripts.load(args.latin1(1), true));
  },
};
