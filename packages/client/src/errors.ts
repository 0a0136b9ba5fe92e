/**
 * Error classes of @mini-redis/client. Error *replies* from the server are
 * `ReplyError`s (from @mini-redis/resp, re-exported here); these classes are
 * for what happens around them.
 *
 * @module
 */

import type { ReplyError } from '@mini-redis/resp';

const MARKER = Symbol.for('@mini-redis/client.ClientError');

/** Why a command failed without a reply from the server. */
export type ClientErrorCode =
  | 'ERR_CONNECTION_LOST'
  | 'ERR_NOT_CONNECTED'
  | 'ERR_CLIENT_CLOSED'
  | 'ERR_TIMEOUT'
  | 'ERR_INVALID_ADDRESS'
  | 'ERR_HANDSHAKE'
  | 'ERR_BACKLOG_FULL'
  | 'ERR_BUSY'
  | 'ERR_CLUSTER';

/**
 * A command failed without a reply. `code` says why:
 *
 * - `ERR_CONNECTION_LOST`: the connection dropped after the command was
 *   written. It **may or may not have executed**; it is never retried.
 * - `ERR_NOT_CONNECTED`: the command was never sent (reconnection is off,
 *   or the client is offline after `reconnect.maxAttempts` failed attempts
 *   in a row; it keeps trying, and later commands go out once it connects).
 * - `ERR_CLIENT_CLOSED`: this handle (or every handle), or its pool, was closed.
 * - `ERR_TIMEOUT`: no reply within the timeout; if it was written it may
 *   still execute.
 * - `ERR_INVALID_ADDRESS`, `ERR_HANDSHAKE`: the address or the connection
 *   set-up (HELLO, AUTH, SELECT) failed; the server refused what the
 *   options ask for (credentials, database, name), so it is not retried.
 * - `ERR_BACKLOG_FULL`: a direct `Subscriber`'s subscribe or unsubscribe
 *   filled its `backlog` with unread messages before the confirmation
 *   came; the subscriber closed its connection.
 * - `ERR_BUSY`: a direct `Client` was called while another call on it was
 *   in progress, or after its connection became a `Subscriber` or
 *   `Monitor`; or a `Connection`'s `readFrame` while another waits. Nothing
 *   was sent or read. The direct client has one caller at a time (as
 *   mini-redis's, whose methods take `&mut self`): await each call, or
 *   share a connection between callers with `createClient`.
 * - `ERR_CLUSTER`: a cluster client could not route the command, which did
 *   not run: no node it reached gave a slot map (not in cluster mode, no
 *   slots assigned), no node serves the key's slot, or the nodes
 *   redirected it more than `maxRedirections` times; or the replies of
 *   the shards a command went to could not be combined.
 */
export class ClientError extends Error {
  readonly code: ClientErrorCode;
  readonly [MARKER] = true;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientError';
    this.code = code;
  }

  /** True for any `ClientError`, from any copy of this package. */
  static is(value: unknown): value is ClientError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}

/**
 * The error for a set-up command (HELLO, AUTH, CLIENT SETNAME, SELECT, the
 * subscriber's PING) that the server answered with `reply`:
 * `ERR_HANDSHAKE`, not retried, since the same options would be refused
 * again. Except for refusals that say the server cannot serve *now*; those
 * are `ERR_NOT_CONNECTED`, a failed attempt like a refused connect, and a
 * later attempt may get in:
 *
 * - a server at its `maxclients`, which says so in place of any reply and
 *   closes the connection;
 * - `LOADING` (a restarted server reading its dataset: PING is refused
 *   meanwhile), `BUSY` (a script or function running past its time limit:
 *   SELECT and CLIENT SETNAME are refused meanwhile) and `MASTERDOWN` (a
 *   replica that lost its master and serves no stale data: PING).
 */
export function setUpError(what: string, reply: ReplyError): ClientError {
  // Redis's text for maxclients, sent before it reads anything (networking.c).
  if (reply.message.includes('max number of clients reached'))
    return new ClientError(
      'ERR_NOT_CONNECTED',
      `The server refused the connection: ${reply.message}`,
      {
        cause: reply,
      },
    );
  if (isNotNow(reply))
    return new ClientError('ERR_NOT_CONNECTED', `${what} was refused for now: ${reply.message}`, {
      cause: reply,
    });
  return new ClientError('ERR_HANDSHAKE', `${what} failed: ${reply.message}`, { cause: reply });
}

/**
 * Whether `reply` says the server cannot serve now but will later:
 * `LOADING`, `BUSY` or `MASTERDOWN` (see `setUpError`), or `CLUSTERDOWN`
 * (a cluster node that is not yet, or no longer, part of a healthy
 * cluster refuses commands with keys, a shard channel's SSUBSCRIBE too).
 */
export function isNotNow(reply: ReplyError): boolean {
  return NOT_NOW.has(reply.code);
}

const NOT_NOW = new Set(['LOADING', 'BUSY', 'MASTERDOWN', 'CLUSTERDOWN']);
