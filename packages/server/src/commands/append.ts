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
    entry.value = Buffer.concat([entry.value, suffix], length);
    // Changed in place: Redis holds it raw from now on.
    entry.encoding = 'raw';
    keyspace.touch(key);
    keyspace.notify(NOTIFY_STRING, 'append', key);
    reply.integer(length);
  },
};
