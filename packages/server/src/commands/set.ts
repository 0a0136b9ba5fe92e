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
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';
import { deadlineArg, type ExpiryUnit } from '../internal/expiry.js';

export const set: Command = {
  name: 'set',
  arity: -3,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    let condition: 'NX' | 'XX' | undefined;
    let returnOld = false;
    let expiry: ExpiryUnit | 'KEEPTTL' | undefined;
    let deadline = 0;
    // Parse every option before touching the keyspace.
    for (let i = 3; i < args.length; i++) {
      const name = option(args, i);
      if ((name === 'NX' || name === 'XX') && condition === undefined) condition = name;
      else if (name === 'GET' && !returnOld) returnOld = true;
      else if (name === 'KEEPTTL' && expiry === undefined) expiry = 'KEEPTTL';
      else if (
        (name === 'EX' || name === 'PX' || name === 'EXAT' || name === 'PXAT') &&
        expiry === undefined &&
        i + 1 < args.length
      ) {
        expiry = name;
        deadline = deadlineArg(args, ++i, name, 'set', now);
      } else {
        throw new CommandError(Replies.syntax);
      }
    }
    const key = args.latin1(1);
    const current = keyspace.get(key, now);
    const old = current?.value ?? null;
    if (
      (condition === 'NX' && current !== undefined) ||
      (condition === 'XX' && current === undefined)
    ) {
      if (returnOld) reply.bulk(old);
      else reply.null();
      return;
    }
    if (expiry === 'KEEPTTL' && current !== undefined) deadline = current.expiresAt;
    keyspace.set(key, args.copy(2), deadline);
    if (returnOld) reply.bulk(old);
    else reply.ok();
  },
};
