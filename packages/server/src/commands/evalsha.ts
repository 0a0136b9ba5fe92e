/**
 * EVALSHA: runs the cached script with this SHA1 (loaded by EVAL or
 * SCRIPT LOAD) as EVAL would; NOSCRIPT when it is not cached.
 *
 * ```text
 * EVALSHA sha1 numkeys [key ...] [arg ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { cachedScript, evalScript } from '../internal/eval.js';

export const evalsha: Command = {
  name: 'evalsha',
  arity: -3,
  flags: ['noscript', 'skip_monitor', 'no_mandatory_keys', 'stale', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    evalScript(context, evalsha, args, false, () => cachedScript(context, args), true);
  },
};
