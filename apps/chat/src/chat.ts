/**
 * A chat room over pub/sub, built the way the Tokio tutorial builds
 * things: one loop `select`s between three sources, the keyboard (an mpsc
 * channel fed by readline), the room's messages (the client's resubscribing
 * subscriber), and shutdown (an AbortSignal). `select` is cancel-safe, so
 * no line typed and no message received is lost while waiting on the other
 * sources.
 *
 * Messages travel as JSON `{ name, text }` on the channel `chat:<room>`.
 *
 * @module
 */

import { type mpsc, select } from '@mini-redis/channels';
import { createClient, createSubscriber, type ReconnectOptions } from '@mini-redis/client';

/**
 * Reconnection for the chat's two connections: a server that stays away
 * for the sum of these backoffs (about 5-9 s) ends the chat with its
 * error, instead of the subscriber retrying silently for ever.
 */
export const CHAT_RECONNECT: ReconnectOptions = { maxAttempts: 10 };

/**
 * Health check of both connections, in ms: a chat server that vanished
 * without closing (a host gone, a partition) is noticed within two
 * intervals, and the chat reconnects or ends, instead of waiting in
 * silence for messages that cannot come.
 */
export const CHAT_PING_INTERVAL = 5000;

/** Options of `runChat`. */
export interface ChatOptions {
  readonly address: string;
  readonly room: string;
  readonly name: string;
  /** Lines typed by the participant; the chat ends when it closes. */
  readonly input: mpsc.Receiver<string>;
  /** Where the chat prints. */
  readonly print: (line: string) => void;
  /** Ends the chat (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Called once the participant is subscribed to the room. */
  readonly onReady?: () => void;
  /** Reconnection of both connections. Default `CHAT_RECONNECT`. */
  readonly reconnect?: ReconnectOptions;
}

/**
 * Runs one participant until its input closes, it types `/quit`, or `signal` aborts.
 *
 * @throws ClientError `ERR_NOT_CONNECTED` when the server cannot be reached
 *   (after `reconnect`'s attempts), `ERR_HANDSHAKE` when it refuses the
 *   credentials; ReplyError `NOPERM` when the ACL user may not use the
 *   room's channel.
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const { address, room, name, input, print } = options;
  const reconnect = options.reconnect ?? CHAT_RECONNECT;
  const channel = `chat:${room}`;
  const pingInterval = CHAT_PING_INTERVAL;
  using subscriber = createSubscriber(address, { reconnect, pingInterval });
  await using publisher = createClient(address, { reconnect, pingInterval });
  await subscriber.ready;
  // Resolves once the server has confirmed it: our 'joined' below comes back to us.
  await subscriber.subscribe(channel);
  const say = (text: string) => publisher.publish(channel, JSON.stringify({ name, text }));
  await say('joined');
  options.onReady?.();
  const stop = options.signal ?? new AbortController().signal;
  for (;;) {
    const event = await select({ line: input, message: subscriber.messages, stop });
    if (event.key === 'stop') break;
    if (event.key === 'line') {
      const line = event.value;
      if (line === undefined || line.trim() === '/quit') break;
      if (line.trim() !== '') await say(line);
      continue;
    }
    if (event.value === undefined) break;
    let parsed: { name?: unknown; text?: unknown };
    try {
      parsed = JSON.parse(event.value.message) as typeof parsed;
    } catch {
      continue;
    }
    // Our own messages come back too; the participant has seen them typed.
    if (parsed.name !== name && typeof parsed.text === 'string')
      print(`[${String(parsed.name)}] ${parsed.text}`);
  }
  await say('left');
}
