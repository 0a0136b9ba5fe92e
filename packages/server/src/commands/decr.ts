/**
 * DECR: subtracts 1 from the integer value (0 when missing); replies with the result.
 *
 * ```text
 * DECR key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { addInteger, storedInteger } from '../internal/strings.js';

export const decr: Command = {
  name: 'decr',
  arity: 2,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const delta = -1;
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    const result = addInteger(storedInteger(entry?.value), delta);
    const text = Buffer.from(String(result), 'latin1');
    if (entry === undefined) keyspace.set(key, text);
    else entry.value = text;
    reply.integer(result);
  },
};
