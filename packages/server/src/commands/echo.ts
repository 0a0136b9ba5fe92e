/**
 * ECHO: replies with its argument.
 *
 * ```text
 * ECHO message
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const echo: Command = {
  name: 'echo',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply }, args) {
    reply.bulk(args.buffer(1));
  },
};
