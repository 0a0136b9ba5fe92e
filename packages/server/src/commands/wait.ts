/**
 * WAIT: blocks the connection until `numreplicas` replicas have
 * acknowledged its writes, or `timeout` milliseconds have passed, and
 * replies how many did. This server has no replicas, so the reply is 0:
 * at once when `numreplicas` is 0 or less or inside a transaction, as in
 * Redis; otherwise after the timeout, or, for a timeout of 0, never (the
 * connection stays blocked until it ends, as Redis's would with no
 * replica). The connection's later commands wait behind it (handler.ts).
 *
 * ```text
 * WAIT numreplicas timeout
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg } from '../internal/args.js';

export const wait: Command = {
  name: 'wait',
  arity: 3,
  flags: ['noscript'],
  keys: NO_KEYS,
  execute({ session, reply }, args) {
    const replicas = integerArg(args, 1);
    const timeout = integerArg(args, 2, 'ERR timeout is not an integer or out of range');
    if (timeout < 0) throw new CommandError('ERR timeout is negative');
    if (replicas <= 0 || session.transaction !== null) {
      reply.integer(0);
      return;
    }
    session.block = {
      ms: timeout === 0 ? Number.POSITIVE_INFINITY : Number(timeout),
      finish: (encoder) => encoder.integer(0),
    };
  },
};
