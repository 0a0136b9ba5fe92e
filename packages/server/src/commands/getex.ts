/**
 * GETEX: replies with the value and changes its deadline.
 *
 * ```text
 * GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
 *   PXAT unix-time-milliseconds | PERSIST]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { deadlineOf, parseStringOptions } from '../internal/string-options.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';

export const getex: Command = {
  name: 'getex',
  arity: -2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const options = parseStringOptions(args, 2, 'getex');
    const key = args.latin1(1);
    const entry = keyspace.readString(key, now);
    if (entry === undefined) {
      reply.null();
      return;
    }
    // Redis checks the time only for a key that exists.
    const deadline = options.persist ? 0 : deadlineOf(args, options, 'getex', now);
    if (deadline !== undefined) {
      // A deadline already past deletes the key, as Redis does. PERSIST
      // of a key without a deadline changes nothing, so a WATCH of it
      // holds (Redis signals the change only when a deadline went).
      if (deadline !== 0 && deadline <= now) {
        keyspace.delete(key);
        keyspace.notify(NOTIFY_GENERIC, 'del', key);
      } else if (deadline !== 0) {
        keyspace.setExpiry(key, entry, deadline);
        keyspace.notify(NOTIFY_GENERIC, 'expire', key);
      } else if (entry.expiresAt !== 0) {
        keyspace.setExpiry(key, entry, 0);
        keyspace.notify(NOTIFY_GENERIC, 'persist', key);
      }
    }
    reply.bulk(entry.value);
  },
};
