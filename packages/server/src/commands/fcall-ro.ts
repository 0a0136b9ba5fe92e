/**
 * FCALL_RO: FCALL for a function registered with the `no-writes` flag; any
 * other is refused before it runs ("Can not execute a script with write
 * flag using *_ro command.").
 *
 * ```text
 * FCALL_RO function numkeys [key ...] [arg ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { callFunction } from '../internal/eval.js';

export const fcallRo: Command = {
  name: 'fcall_ro',
  arity: -3,
  flags: ['noscript', 'skip_monitor', 'no_mandatory_keys', 'stale', 'readonly', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    callFunction(context, fcallRo, args, true);
  },
};
