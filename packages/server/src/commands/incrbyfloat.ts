/**
 * INCRBYFLOAT: adds a float to the value; replies with the result as a
 * bulk string. Computed as Redis computes it, in x87 long double (see
 * internal/long-double.ts), so `0.1 + 0.2` stores `0.3` as Redis does.
 *
 * ```text
 * INCRBYFLOAT key increment
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import {
  addLongDouble,
  formatLongDouble,
  parseLongDouble,
  parseStoredLongDouble,
  ZERO,
} from '../internal/long-double.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const incrbyfloat: Command = {
  name: 'incrbyfloat',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Redis checks the key's type before it reads the increment.
    const key = args.latin1(1);
    const entry = keyspace.getString(key, now);
    const current = entry === undefined ? ZERO : parseStoredLongDouble(entry.value);
    const delta = parseLongDouble(args.latin1(2));
    if (current === undefined || delta === undefined) throw new CommandError(Replies.notFloat);
    const sum = addLongDouble(current, delta);
    if (sum === null) throw new CommandError('ERR increment would produce NaN or Infinity');
    const text = Buffer.from(formatLongDouble(sum), 'latin1');
    // A computed string, never held as an integer (even "3").
    if (entry === undefined) keyspace.set(key, text, now, 0, 'string');
    else {
      entry.value = text;
      entry.encoding = 'string';
      keyspace.touch(key);
    }
    keyspace.notify(NOTIFY_STRING, 'incrbyfloat', key);
    reply.bulk(text);
  },
};
