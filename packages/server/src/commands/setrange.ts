/**
 * SETRANGE: overwrites part of the value at a byte offset, padding with
 * zero bytes; replies with the new length.
 *
 * ```text
 * SETRANGE key offset value
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const setrange: Command = {
  name: 'setrange',
  arity: 4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const raw = integerArg(args, 2);
    if (raw < 0) throw new CommandError('ERR offset is out of range');
    const offset = Number(raw);
    const key = args.latin1(1);
    const patch = args.buffer(3);
    const entry = keyspace.getString(key, now);
    const current = entry?.value.length ?? 0;
    if (patch.length === 0) {
      reply.integer(current);
      return;
    }
    if (offset + patch.length > server.config['proto-max-bulk-len']) {
      throw new CommandError('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    }
    const length = Math.max(current, offset + patch.length);
    const value = Buffer.alloc(length);
    entry?.value.copy(value);
    patch.copy(value, offset);
    // Built or changed in place: raw, as Redis holds it.
    if (entry === undefined) keyspace.set(key, value, now, 0, 'raw');
    else {
      entry.value = value;
      entry.encoding = 'raw';
      keyspace.touch(key);
    }
    keyspace.notify(NOTIFY_STRING, 'setrange', key);
    reply.integer(length);
  },
};
