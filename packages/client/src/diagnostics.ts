/**
 * Diagnostics on `node:diagnostics_channel`, free when nobody subscribes:
 * a message object is built only when a channel has subscribers. Commands
 * (start and end), and the connections of client actors (pools included)
 * and subscribers: made, failed, lost, offline. No event emitter, so
 * nothing to forget to listen to.
 *
 * ```ts
 * import diagnostics from 'node:diagnostics_channel';
 * diagnostics.subscribe('mini-redis:client:command:end', (message) => console.log(message));
 * ```
 *
 * @module
 */

import diagnostics from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { CommandArg } from '@mini-redis/resp';
import { type Address, describeAddress } from './address.js';

/** Published when a command starts: `{ id, args }`. */
export const commandStart = diagnostics.channel('mini-redis:client:command:start');
/** Published when it ends: `{ id, args, durationMs, error? }`. */
export const commandEnd = diagnostics.channel('mini-redis:client:command:end');

/**
 * What `connectionEvents` publishes. `address` is the server's, as errors
 * name it (`host:port` or the socket's path; for a client made from
 * `SentinelOptions`, "the master of 'name' (Sentinel)" until the sentinels
 * first named one, and a disconnect's reason says when a master became a
 * replica); `role` says what holds the
 * connection: a client actor (`createClient`, a pool's) or a subscriber.
 *
 * - `connect`: a connection is made and its handshake done; commands flow.
 * - `connect-failed`: an attempt failed; `attempt` counts the failures in a
 *   row (1 for the first), and the error is what commands would report.
 * - `disconnect`: a connection that was up ended. `reason` says why:
 *   closed by the server or the network, the health check's PING went
 *   unanswered, or the client was closed. `inFlight` commands were
 *   written and not answered (they fail with `ERR_CONNECTION_LOST`); a
 *   subscriber's is 0, as its changes are made again on the next
 *   connection.
 * - `offline`: a client actor's attempts in a row ran out: commands fail
 *   at once until a connection is made (it keeps trying).
 */
export type ConnectionEvent =
  | { readonly event: 'connect'; readonly address: string; readonly role: ConnectionRole }
  | {
      readonly event: 'connect-failed';
      readonly address: string;
      readonly role: ConnectionRole;
      readonly attempt: number;
      readonly error: Error;
    }
  | {
      readonly event: 'disconnect';
      readonly address: string;
      readonly role: ConnectionRole;
      readonly reason: string;
      readonly inFlight: number;
    }
  | {
      readonly event: 'offline';
      readonly address: string;
      readonly role: ConnectionRole;
      readonly error: Error;
    };

/** What holds a connection `connectionEvents` reports on. */
export type ConnectionRole = 'client' | 'subscriber';

/**
 * Published when a client actor's or a subscriber's connection is made,
 * fails, ends or goes offline: a `ConnectionEvent`. For logs and metrics
 * (reconnects, outages and their causes); commands already say what
 * failed them.
 */
export const connectionEvents = diagnostics.channel('mini-redis:client:connection');

// Omit applied to each member of a union (on the union it would merge them).
type WithoutTarget<E> = E extends unknown ? Omit<E, 'address' | 'role'> : never;

/** A `ConnectionEvent` without what `publishConnectionEvent` adds. */
export type ConnectionEventDetail = WithoutTarget<ConnectionEvent>;

/**
 * Publishes the event `detail()` describes, for a connection to `address`
 * held by `role`, when someone listens; the message is built only then.
 */
export function publishConnectionEvent(
  address: Address | string,
  role: ConnectionRole,
  detail: () => ConnectionEventDetail,
): void {
  if (connectionEvents.hasSubscribers)
    connectionEvents.publish({
      ...detail(),
      address: typeof address === 'string' ? address : describeAddress(address),
      role,
    });
}

let nextId = 1;

/** Starts a trace when someone listens; returns a function that ends it, or null. */
export function traceCommand(
  args: readonly CommandArg[] | null,
): ((error?: unknown) => void) | null {
  if (!commandStart.hasSubscribers && !commandEnd.hasSubscribers) return null;
  const id = nextId++;
  const started = performance.now();
  if (commandStart.hasSubscribers) commandStart.publish({ id, args });
  return (error?: unknown) => {
    if (commandEnd.hasSubscribers) {
      commandEnd.publish({
        id,
        args,
        durationMs: performance.now() - started,
        ...(error === undefined ? {} : { error }),
      });
    }
  };
}
