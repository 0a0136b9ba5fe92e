/**
 * Keyspace notifications (`notify-keyspace-events`), as Redis 7.0 sends
 * them: when a command changes a key, a key expires, or a read misses, a
 * message goes to `__keyspace@<db>__:<key>` (the event's name) and to
 * `__keyevent@<db>__:<event>` (the key), through the ordinary pub/sub hub,
 * so patterns see them too. Off by default, as in Redis: then each
 * notification costs one check of the flags.
 *
 * The flags are Redis's classes (notify.c): K and E choose the channels,
 * the others the events. Each command calls `Keyspace#notify` with its
 * class and event name in Redis's order; the keyspace itself sends `new`
 * (a key created) and `expired` (both the lazy and the active path).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { PubSub } from './pubsub.js';
import type { Session } from './session.js';

/** `__keyspace@<db>__:` messages. */
export const NOTIFY_KEYSPACE = 1 << 0;
/** `__keyevent@<db>__:` messages. */
export const NOTIFY_KEYEVENT = 1 << 1;
/** Generic commands: del, expire, rename, ... */
export const NOTIFY_GENERIC = 1 << 2;
/** String commands. */
export const NOTIFY_STRING = 1 << 3;
export const NOTIFY_LIST = 1 << 4;
export const NOTIFY_SET = 1 << 5;
export const NOTIFY_HASH = 1 << 6;
export const NOTIFY_ZSET = 1 << 7;
/** A key expired. */
export const NOTIFY_EXPIRED = 1 << 8;
/** A key evicted for maxmemory (this server never evicts). */
export const NOTIFY_EVICTED = 1 << 9;
export const NOTIFY_STREAM = 1 << 10;
/** A read found no key. */
export const NOTIFY_KEY_MISS = 1 << 11;
export const NOTIFY_MODULE = 1 << 13;
/** A key was created. */
export const NOTIFY_NEW = 1 << 14;

// 'A': every class but the key miss and new ones, as in Redis.
const NOTIFY_ALL =
  NOTIFY_GENERIC |
  NOTIFY_STRING |
  NOTIFY_LIST |
  NOTIFY_SET |
  NOTIFY_HASH |
  NOTIFY_ZSET |
  NOTIFY_EXPIRED |
  NOTIFY_EVICTED |
  NOTIFY_STREAM |
  NOTIFY_MODULE;

const CLASSES: Readonly<Record<string, number>> = {
  A: NOTIFY_ALL,
  g: NOTIFY_GENERIC,
  $: NOTIFY_STRING,
  l: NOTIFY_LIST,
  s: NOTIFY_SET,
  h: NOTIFY_HASH,
  z: NOTIFY_ZSET,
  x: NOTIFY_EXPIRED,
  e: NOTIFY_EVICTED,
  K: NOTIFY_KEYSPACE,
  E: NOTIFY_KEYEVENT,
  t: NOTIFY_STREAM,
  m: NOTIFY_KEY_MISS,
  d: NOTIFY_MODULE,
  n: NOTIFY_NEW,
};

/** CONFIG SET's complaint about a character that names no class (Redis's text). */
export const INVALID_EVENT_CLASS = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

/**
 * The flags a `notify-keyspace-events` value sets (Redis's
 * keyspaceEventsStringToFlags), or undefined when a character names no
 * class. Case matters: `k` is not `K`.
 */
export function parseKeyspaceEvents(text: string): number | undefined {
  let flags = 0;
  for (const char of text) {
    const flag = CLASSES[char];
    if (flag === undefined) return undefined;
    flags |= flag;
  }
  return flags;
}

/**
 * The flags as CONFIG GET shows them (Redis's keyspaceEventsFlagsToString):
 * `A` for every class it covers, else each class in a fixed order, then
 * K, E and m. Redis writes `n` only when the classes are not all there,
 * so `KEAn` reads back as `AKE` although `n` still applies; this does too.
 */
export function formatKeyspaceEvents(flags: number): string {
  let text = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) text += 'A';
  else {
    if (flags & NOTIFY_GENERIC) text += 'g';
    if (flags & NOTIFY_STRING) text += '$';
    if (flags & NOTIFY_LIST) text += 'l';
    if (flags & NOTIFY_SET) text += 's';
    if (flags & NOTIFY_HASH) text += 'h';
    if (flags & NOTIFY_ZSET) text += 'z';
    if (flags & NOTIFY_EXPIRED) text += 'x';
    if (flags & NOTIFY_EVICTED) text += 'e';
    if (flags & NOTIFY_STREAM) text += 't';
    if (flags & NOTIFY_MODULE) text += 'd';
    if (flags & NOTIFY_NEW) text += 'n';
  }
  if (flags & NOTIFY_KEYSPACE) text += 'K';
  if (flags & NOTIFY_KEYEVENT) text += 'E';
  if (flags & NOTIFY_KEY_MISS) text += 'm';
  return text;
}

/** The server's notification settings and where notifications go. */
export class KeyspaceEvents {
  /** The classes on (`NOTIFY_*`); 0 for none, the default. */
  flags = 0;
  /**
   * The connection whose command runs now (set by dispatch), or null (the
   * purge task's expiries). A notification it subscribes to itself goes
   * into its output at once, before the command's reply, as Redis writes
   * it; other subscribers get theirs from their connections' pumps.
   */
  running: Session | null = null;
  readonly #pubsub: PubSub | null;

  /** @param pubsub the hub to publish to; null for a keyspace on its own (tests). */
  constructor(pubsub: PubSub | null) {
    this.#pubsub = pubsub;
  }

  /**
   * Publishes `event` on `key` of database `db` when class `type` is on
   * (Redis's notifyKeyspaceEvent): to the key's channel, then the event's.
   */
  notify(type: number, event: string, key: string, db: number): void {
    const flags = this.flags;
    if ((flags & type) === 0 || this.#pubsub === null) return;
    // Keys are Latin-1 strings of their bytes (keyspace.ts): so are channels.
    if (flags & NOTIFY_KEYSPACE)
      this.#pubsub.publish(`__keyspace@${db}__:${key}`, Buffer.from(event, 'latin1'));
    if (flags & NOTIFY_KEYEVENT)
      this.#pubsub.publish(`__keyevent@${db}__:${event}`, Buffer.from(key, 'latin1'));
    const running = this.running;
    if (running?.subscribed) running.deliverMessages();
  }
}
