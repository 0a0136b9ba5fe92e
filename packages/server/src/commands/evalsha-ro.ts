/**
 * EVALSHA_RO: runs the cached script with this SHA1 (loaded by EVAL or
 * SCRIPT LOAD), which may not write, as EVAL would; NOSCRIPT when it is not cached.
 *
 * ```text
 * EVALSHA_RO sha1 numkeys [key ...] [arg ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { cachedScript, evalScript } from '../internal/eval.js';

export const evalshaRo: Command = {
  name: 'evalsha_ro',
  arity: -3,
  flags: ['noscript', 'skip_monitor', 'no_mandatory_keys', 'stale', 'readonly', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    evalScript(context, evalshaRo, args, true, () => cachedScript(context, args), true);
  },
};
