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

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { forgetGrowth, growString } from '../internal/sds.js';
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
    // Built or changed in place: raw, as Redis holds it. A new string is
    // exact; an existing one is first an exact copy unless it was raw
    // already, then grows with room to spare (sds.ts).
    if (entry === undefined) {
      const value = Buffer.alloc(length);
      patch.copy(value, offset);
      keyspace.set(key, value, now, 0, 'raw');
    } else {
      if (entry.encoding !== 'raw') forgetGrowth(entry.value);
      entry.value = growString(entry.value, length);
      patch.copy(entry.value, offset);
      entry.encoding = 'raw';
      keyspace.touch(key);
    }
    keyspace.notify(NOTIFY_STRING, 'setrange', key);
    reply.integer(length);
  },
};
