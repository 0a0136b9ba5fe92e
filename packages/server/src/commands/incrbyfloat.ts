/**
 * INCRBYFLOAT: adds a float to the value; replies with the result as a
 * bulk string.
 *
 * ```text
 * INCRBYFLOAT key increment
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { toFloat } from '../internal/args.js';
import { formatFloat, storedFloat } from '../internal/strings.js';

export const incrbyfloat: Command = {
  name: 'incrbyfloat',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const delta = toFloat(args.latin1(2));
    if (delta === undefined) throw new CommandError(Replies.notFloat);
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    const result = storedFloat(entry?.value) + delta;
    if (!Number.isFinite(result))
      throw new CommandError('ERR increment would produce NaN or Infinity');
    const text = Buffer.from(formatFloat(result), 'latin1');
    if (entry === undefined) keyspace.set(key, text);
    else entry.value = text;
    reply.bulk(text);
  },
};
