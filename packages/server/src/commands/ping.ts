/**
 * PING: replies PONG, or echoes the message. In RESP2 subscribe mode it
 * replies `["pong", message]`, as Redis does.
 *
 * ```text
 * PING [message]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const ping: Command = {
  name: 'ping',
  arity: -1,
  flags: ['fast'],
  keys: NO_KEYS,
  execute({ reply, session }, args) {
    if (args.length > 2) {
      reply.error(`ERR wrong number of arguments for 'ping' command`);
      return;
    }
    if (session.inSubscribeMode) {
      reply.arrayHeader(2);
      reply.bulk('pong');
      reply.bulk(args.length === 2 ? args.buffer(1) : '');
      return;
    }
    if (args.length === 2) reply.bulk(args.buffer(1));
    else reply.simple('PONG');
  },
};
