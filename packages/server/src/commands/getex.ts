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
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';
import { deadlineArg } from '../internal/expiry.js';

export const getex: Command = {
  name: 'getex',
  arity: -2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    let deadline: number | undefined;
    for (let i = 2; i < args.length; i++) {
      const name = option(args, i);
      if (
        (name === 'EX' || name === 'PX' || name === 'EXAT' || name === 'PXAT') &&
        deadline === undefined &&
        i + 1 < args.length
      ) {
        deadline = deadlineArg(args, ++i, name, 'getex', now);
      } else if (name === 'PERSIST' && deadline === undefined) {
        deadline = 0;
      } else {
        throw new CommandError(Replies.syntax);
      }
    }
    const key = args.latin1(1);
    const entry = keyspace.get(key, now);
    if (entry === undefined) {
      reply.null();
      return;
    }
    if (deadline !== undefined) {
      // A deadline already past deletes the key, as Redis does.
      if (deadline !== 0 && deadline <= now) keyspace.delete(key);
      else keyspace.setExpiry(key, entry, deadline);
    }
    reply.bulk(entry.value);
  },
};
