/**
 * ROLE: this server's replication role. It is always a master with no
 * replicas (replication is not here): `master`, offset 0, no replicas.
 *
 * ```text
 * ROLE
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';

export const role: Command = {
  name: 'role',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast'],
  keys: NO_KEYS,
  execute({ reply }) {
    reply.arrayHeader(3);
    reply.bulk('master');
    reply.integer(0);
    reply.arrayHeader(0);
  },
};
