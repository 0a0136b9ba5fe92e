/**
 * SETBIT: sets or clears one bit of a string, growing it with zero bytes
 * as needed (a missing key starts empty), and replies with the bit's old
 * value. The key keeps its deadline.
 *
 * ```text
 * SETBIT key offset value
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { toInteger } from '../internal/args.js';
import { bitAt, bitOffsetArg } from '../internal/bits.js';
import { forgetGrowth, growString } from '../internal/sds.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

const BAD_BIT = 'ERR bit is not an integer or out of range';

export const setbit: Command = {
  name: 'setbit',
  arity: 4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const offset = bitOffsetArg(args, 2, server.config['proto-max-bulk-len']);
    const on = toInteger(args.latin1(3));
    if (on !== 0 && on !== 1) throw new CommandError(BAD_BIT);
    const key = args.latin1(1);
    const entry = keyspace.getString(key, now);
    const byte = offset >>> 3;
    if (entry === undefined) {
      const value = Buffer.alloc(byte + 1);
      if (on === 1) value[byte] = 0x80 >> (offset & 7);
      keyspace.set(key, value, now, 0, 'raw');
      keyspace.notify(NOTIFY_STRING, 'setbit', key);
      reply.integer(0);
      return;
    }
    // Redis makes the value its own raw string before it looks at the bit
    // (an exact copy unless it was raw already: see sds.ts).
    if (entry.encoding !== 'raw') forgetGrowth(entry.value);
    entry.encoding = 'raw';
    const old = bitAt(entry.value, offset);
    // Only a change counts as one (for WATCH), as in Redis: the same bit
    // within the string leaves the key untouched.
    if (old === on && byte < entry.value.length) {
      reply.integer(old);
      return;
    }
    // Grown with room to spare, as sdsgrowzero grows it.
    if (byte >= entry.value.length) entry.value = growString(entry.value, byte + 1);
    entry.value[byte] =
      on === 1
        ? entry.value[byte]! | (0x80 >> (offset & 7))
        : entry.value[byte]! & ~(0x80 >> (offset & 7));
    keyspace.touch(key);
    keyspace.notify(NOTIFY_STRING, 'setbit', key);
    reply.integer(old);
  },
};
