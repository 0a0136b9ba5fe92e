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
import { wallClockMicros } from '../internal/wall-clock.js';

export const time: Command = {
  name: 'time',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply }) {
    const micros = wallClockMicros();
    reply.arrayHeader(2);
    reply.bulk(String(Math.floor(micros / 1e6)));
    reply.bulk(String(micros % 1e6));
  },
};
