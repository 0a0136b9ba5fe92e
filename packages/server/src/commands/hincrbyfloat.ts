/**
 * HINCRBYFLOAT: adds a float to a field of a hash (an absent field counts
 * as 0; the hash is created when absent); replies with the result as a
 * bulk string. Computed in x87 long double as Redis computes it, and
 * stored as Redis formats it (internal/long-double.ts, as INCRBYFLOAT).
 *
 * ```text
 * HINCRBYFLOAT key field increment
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
import { NOTIFY_HASH } from '../keyspace-events.js';

export const hincrbyfloat: Command = {
  name: 'hincrbyfloat',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const delta = parseLongDouble(args.latin1(3));
    if (delta === undefined) throw new CommandError(Replies.notFloat);
    if (delta.infinite) throw new CommandError('ERR value is NaN or Infinity');
    const key = args.latin1(1);
    const field = args.latin1(2);
    const existing = keyspace.getHash(key, now)?.value;
    const stored = existing?.get(field);
    const current = stored === undefined ? ZERO : parseStoredLongDouble(stored);
    if (current === undefined) throw new CommandError('ERR hash value is not a float');
    const sum = addLongDouble(current, delta);
    if (sum === null) throw new CommandError('ERR increment would produce NaN or Infinity');
    const text = Buffer.from(formatLongDouble(sum), 'latin1');
    keyspace.hashForWrite(key, now).set(field, text);
    if (existing !== undefined) keyspace.touch(key);
    keyspace.notify(NOTIFY_HASH, 'hincrbyfloat', key);
    reply.bulk(text);
  },
};
