/**
 * The manager task of the Tokio tutorial's Channels chapter, with an
 * in-memory key-value store standing in for the Redis connection.
 *
 * Many tasks share one resource because only the manager touches it: they
 * send `Command`s over a bounded mpsc channel, each carrying a oneshot
 * sender for its reply. The bounded channel gives backpressure; the oneshot
 * gets each reply back to the one task that asked.
 *
 * @module
 */

import { type mpsc, oneshot } from '@mini-redis/channels';

/** A request to the manager, with the channel its reply goes back on. */
export type Command =
  | {
      readonly kind: 'get';
      readonly key: string;
      readonly responder: oneshot.OneshotSender<string | null>;
    }
  | {
      readonly kind: 'set';
      readonly key: string;
      readonly value: string;
      readonly responder: oneshot.OneshotSender<void>;
    };

/**
 * Runs the manager until every command sender is closed; resolves with the
 * store it owned.
 */
export async function runManager(commands: mpsc.Receiver<Command>): Promise<Map<string, string>> {
  const store = new Map<string, string>();
  for await (const command of commands) {
    switch (command.kind) {
      case 'get':
        // The requester may have given up; that is not the manager's problem.
        command.responder.send(store.get(command.key) ?? null);
        break;
      case 'set':
        store.set(command.key, command.value);
        command.responder.send(undefined);
        break;
    }
  }
  return store;
}

/** Sends a GET through the manager and waits for its reply. */
export async function get(tx: mpsc.Sender<Command>, key: string): Promise<string | null> {
  const [responder, reply] = oneshot.channel<string | null>();
  await tx.send({ kind: 'get', key, responder });
  return reply;
}

/** Sends a SET through the manager and waits until it is applied. */
export async function set(tx: mpsc.Sender<Command>, key: string, value: string): Promise<void> {
  const [responder, reply] = oneshot.channel<void>();
  await tx.send({ kind: 'set', key, value, responder });
  await reply;
}
