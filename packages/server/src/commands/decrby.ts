/**
 * DECRBY: subtracts an integer from the value; replies with the result.
 *
 * ```text
 * DECRBY key decrement
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { addInteger, storedInteger } from '../internal/strings.js';

export const decrby: Command = {
  name: 'decrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const raw = integerArg(args, 2);
    // Negating the smallest 64-bit integer would overflow.
    if (raw === -(2n ** 63n)) throw new CommandError('ERR decrement would overflow');
    const delta = typeof raw === 'bigint' ? -raw : -raw;
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    const result = addInteger(storedInteger(entry?.value), delta);
    const text = Buffer.from(String(result), 'latin1');
    if (entry === undefined) keyspace.set(key, text);
    else entry.value = text;
    reply.integer(result);
  },
};
