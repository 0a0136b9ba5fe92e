/**
 * TIME: the server time as [unix seconds, microseconds].
 *
 * ```text
 * TIME
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const time: Command = {
  name: 'time',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply }) {
    // performance.timeOrigin + now() gives sub-millisecond precision.
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    reply.arrayHeader(2);
    reply.bulk(String(Math.floor(micros / 1e6)));
    reply.bulk(String(micros % 1e6));
  },
};
