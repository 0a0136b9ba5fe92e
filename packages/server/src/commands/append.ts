/**
 * APPEND: appends to the value (creating it); replies with the new length.
 *
 * ```text
 * APPEND key value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { appendToString, forgetGrowth } from '../internal/sds.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const append: Command = {
  name: 'append',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const key = args.latin1(1);
    const entry = keyspace.getString(key, now);
    const suffix = args.buffer(2);
    if (entry === undefined) {
      keyspace.set(key, args.copy(2), now);
      keyspace.notify(NOTIFY_STRING, 'append', key);
      reply.integer(suffix.length);
      return;
    }
    const length = entry.value.length + suffix.length;
    if (length > server.config['proto-max-bulk-len']) {
      throw new CommandError('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    }
    // Changed in place: Redis holds it raw from now on, an exact copy first
    // unless it was raw already, then grown with room to spare (sds.ts).
    if (entry.encoding !== 'raw') forgetGrowth(entry.value);
    entry.value = appendToString(entry.value, suffix);
    entry.encoding = 'raw';
    keyspace.touch(key);
    keyspace.notify(NOTIFY_STRING, 'append', key);
    reply.integer(length);
  },
};
