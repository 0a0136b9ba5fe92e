/**
 * FAILOVER: hands the master's role to one of its replicas. This server
 * is always a master without replicas (see ROLE), so, once its arguments
 * parse, FAILOVER answers as such a Redis master does: it requires
 * connected replicas; ABORT finds no failover in progress. The arguments
 * are checked first, in Redis's order and with its texts.
 *
 * ```text
 * FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT milliseconds]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';

export const failover: Command = {
  name: 'failover',
  arity: -1,
  flags: ['admin', 'noscript', 'stale'],
  keys: NO_KEYS,
  execute(_context, args) {
    if (args.length === 2 && args.latin1(1).toLowerCase() === 'abort')
      throw new CommandError('ERR No failover in progress.');
    // Redis's failoverCommand: each option at most once; TO takes a host
    // and a port, TIMEOUT a positive number of milliseconds.
    let timeout = false;
    let target = false;
    let force = false;
    for (let i = 1; i < args.length; i++) {
      const option = args.latin1(i).toLowerCase();
      if (option === 'timeout' && i + 1 < args.length && !timeout) {
        if (integerArg(args, i + 1) <= 0)
          throw new CommandError('ERR FAILOVER timeout must be greater than 0');
        timeout = true;
        i++;
      } else if (option === 'to' && i + 2 < args.length && !target) {
        integerArg(args, i + 2);
        target = true;
        i += 2;
      } else if (option === 'force' && !force) {
        force = true;
      } else {
        throw new CommandError(Replies.syntax);
      }
    }
    // Redis checks for replicas before FORCE's requirements.
    throw new CommandError('ERR FAILOVER requires connected replicas.');
  },
};
