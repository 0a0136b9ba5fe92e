/**
 * Command diagnostics on `node:diagnostics_channel`, free when nobody
 * subscribes: a message object is built only when a channel has
 * subscribers.
 *
 * ```ts
 * import diagnostics from 'node:diagnostics_channel';
 * diagnostics.subscribe('mini-redis:client:command:end', (message) => console.log(message));
 * ```
 *
 * @module
 */

import diagnostics from 'node:diagnostics_channel';
import type { CommandArg } from '@mini-redis/resp';

/** Published when a command starts: `{ id, args }`. */
export const commandStart = diagnostics.channel('mini-redis:client:command:start');
/** Published when it ends: `{ id, args, durationMs, error? }`. */
export const commandEnd = diagnostics.channel('mini-redis:client:command:end');

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
