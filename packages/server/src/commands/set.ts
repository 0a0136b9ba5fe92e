/**
 * SET: stores a value, with an optional deadline and conditions.
 *
 * ```text
 * SET key value [NX | XX] [GET] [EX seconds | PX milliseconds |
 *   EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { deadlineOf, NO_OPTIONS, parseStringOptions } from '../internal/string-options.js';
import type { StringEntry } from '../keyspace.js';
import { NOTIFY_GENERIC, NOTIFY_STRING } from '../keyspace-events.js';

export const set: Command = {
  name: 'set',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Parse every option before touching the keyspace. A bare SET (the
    // common case, and redis-benchmark's) allocates nothing for options.
    const options = args.length === 3 ? NO_OPTIONS : parseStringOptions(args, 3, 'set');
    const { condition, get: returnOld, keepTtl } = options;
    const given = deadlineOf(args, options, 'set', now);
    const key = args.latin1(1);
    // SET replaces a value of any type; SET ... GET must read a string first.
    const current = returnOld ? keyspace.readString(key, now) : keyspace.get(key, now);
    const old = returnOld ? ((current as StringEntry | undefined)?.value ?? null) : null;
    if (
      (condition === 'NX' && current !== undefined) ||
      (condition === 'XX' && current === undefined)
    ) {
      if (returnOld) reply.bulk(old);
      else reply.null();
      return;
    }
    const deadline = keepTtl && current !== undefined ? current.expiresAt : (given ?? 0);
    keyspace.set(key, args.copy(2), now, deadline);
    keyspace.notify(NOTIFY_STRING, 'set', key);
    if (given !== undefined) keyspace.notify(NOTIFY_GENERIC, 'expire', key);
    if (returnOld) reply.bulk(old);
    else reply.ok();
  },
};
