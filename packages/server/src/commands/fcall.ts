/**
 * FCALL: calls a function a library registered (FUNCTION LOAD) with the
 * given keys and arguments, which the function gets as its two
 * parameters, and replies with what it returns (functions.ts).
 *
 * ```text
 * FCALL function numkeys [key ...] [arg ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { callFunction } from '../internal/eval.js';

export const fcall: Command = {
  name: 'fcall',
  arity: -3,
  flags: ['noscript', 'skip_monitor', 'no_mandatory_keys', 'stale', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    callFunction(context, fcall, args, false);
  },
};
