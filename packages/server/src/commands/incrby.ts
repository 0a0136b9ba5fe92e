/**
 * INCRBY: adds an integer to the value; replies with the result.
 *
 * ```text
 * INCRBY key increment
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { addInteger, storedInteger } from '../internal/strings.js';

export const incrby: Command = {
  name: 'incrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const delta = integerArg(args, 2);
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    const result = addInteger(storedInteger(entry?.value), delta);
    const text = Buffer.from(String(result), 'latin1');
    if (entry === undefined) keyspace.set(key, text);
    else entry.value = text;
    reply.integer(result);
  },
};
