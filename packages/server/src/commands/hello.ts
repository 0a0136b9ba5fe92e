/**
 * HELLO: switches the protocol (RESP2 or RESP3), optionally
 * authenticating and naming the connection, and describes the server. The
 * reply is written in the protocol just chosen.
 *
 * ```text
 * HELLO [protover [AUTH username password] [SETNAME clientname]]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError } from '../errors.js';
import { quoted, toInteger } from '../internal/args.js';
import { authenticate } from '../internal/auth.js';
import { validClientName } from '../internal/client-name.js';

export const hello: Command = {
  name: 'hello',
  arity: -1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  keys: NO_KEYS,
  execute(context, args) {
    const { reply, session, server } = context;
    let next = 1;
    let protocol: 2 | 3 | undefined;
    if (args.length >= 2) {
      const version = toInteger(args.latin1(next++));
      if (version === undefined)
        throw new CommandError('ERR Protocol version is not an integer or out of range');
      if (version !== 2 && version !== 3)
        throw new CommandError('NOPROTO unsupported protocol version');
      protocol = version;
    }
    // Each option takes effect as it is read, as in Redis 7.0: an AUTH that
    // succeeded, or a name set, stays even when a later option fails (a
    // wrong password, a bad name, an unknown option), and the failure ends
    // the parse there.
    for (let i = next; i < args.length; i++) {
      const more = args.length - 1 - i;
      const option = args.latin1(i).toUpperCase();
      if (option === 'AUTH' && more >= 2) {
        authenticate(context, args, i + 1, i + 2);
        i += 2;
      } else if (option === 'SETNAME' && more >= 1) {
        const name = args.latin1(i + 1);
        if (!validClientName(name))
          throw new CommandError(
            'ERR Client names cannot contain spaces, newlines or special characters.',
          );
        session.name = name;
        i += 1;
      } else {
        throw new CommandError(`ERR Syntax error in HELLO option '${quoted(args, i)}'`);
      }
    }
    if (!session.authenticated) {
      throw new CommandError(
        // Redis 7.0's text (7.2 added "<proto>" after "HELLO").
        'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
      );
    }
    if (protocol !== undefined) reply.protocol = protocol;
    reply.mapHeader(7);
    reply.bulk('server');
    reply.bulk('redis');
    reply.bulk('version');
    reply.bulk(server.version);
    reply.bulk('proto');
    reply.integer(reply.protocol);
    reply.bulk('id');
    reply.integer(session.id);
    reply.bulk('mode');
    reply.bulk('standalone');
    reply.bulk('role');
    reply.bulk('master');
    reply.bulk('modules');
    reply.arrayHeader(0);
  },
};
