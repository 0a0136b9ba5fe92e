/**
 * A cluster node's redirections: the error replies that say a command
 * belongs to another node, and did not run here.
 *
 * ```text
 * -MOVED <slot> <endpoint>:<port>   the slot lives there now: update the map
 * -ASK <slot> <endpoint>:<port>     this once, send ASKING and the command there
 * ```
 *
 * An empty endpoint (`:6380`) means the host of the node that answered.
 *
 * @module
 */

import type { ReplyError } from '@mini-redis/resp';
import type { HostPort } from '../address.js';

/** Where a MOVED or ASK error sends a command. */
export interface Redirection {
  readonly kind: 'MOVED' | 'ASK';
  readonly slot: number;
  readonly at: HostPort;
}

/**
 * The redirection `error` gives, asked of a node at `askedHost`; null when
 * it is not one (or not one that can be followed).
 */
export function redirectionOf(error: ReplyError, askedHost: string): Redirection | null {
  if (error.code !== 'MOVED' && error.code !== 'ASK') return null;
  const [, slotText, endpoint] = error.message.split(' ');
  const slot = Number(slotText);
  // The port follows the last colon: an IPv6 endpoint has colons of its own.
  const colon = endpoint?.lastIndexOf(':') ?? -1;
  if (!Number.isInteger(slot) || colon === -1) return null;
  const port = Number(endpoint!.slice(colon + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  const host = endpoint!.slice(0, colon).replace(/^\[|\]$/g, '');
  return { kind: error.code, slot, at: { host: host === '' ? askedHost : host, port } };
}
