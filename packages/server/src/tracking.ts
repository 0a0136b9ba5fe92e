/**
 * Key tracking for client-side caching (CLIENT TRACKING), as Redis 7.0's
 * tracking.c does it: the server remembers which connections read which
 * keys, and tells them when one changes, so they can drop it from a local
 * cache.
 *
 * - **Default mode**: after a read-only command of a tracking connection,
 *   its keys are remembered in one table for the whole server (key name
 *   to connection ids; databases are not told apart, as in Redis). A
 *   change to a key (Redis's `signalModifiedKey`: `Keyspace#touch`) sends
 *   an invalidation to each connection remembered for it and forgets the
 *   key, until it is read again. OPTIN remembers only after CLIENT CACHING
 *   YES, OPTOUT all but after CLIENT CACHING NO; NOLOOP skips changes the
 *   connection made itself.
 * - **BCAST**: nothing is remembered; every changed key under one of the
 *   connection's prefixes is collected, and at the end of the turn of the
 *   event loop (Redis's `beforeSleep`) each prefix's keys go out as one
 *   message, in byte order.
 * - **Where it goes**: a RESP3 connection gets `>2 invalidate [keys]`
 *   pushes; with REDIRECT, the target gets them, or in RESP2, if it is
 *   subscribed to anything, a `message` on `__redis__:invalidate`. A RESP2
 *   connection without redirection gets nothing (RESP2 has no pushes). A
 *   gone target marks the redirection broken, and a RESP3 tracking
 *   connection is told (`tracking-redir-broken`) at each invalidation.
 * - **Order**: an invalidation a command causes for its own connection is
 *   written after the command's reply (after EXEC's, for a transaction), as
 *   Redis 7.0 does since 7.0.5; other connections get theirs at once.
 * - **Flushes** (FLUSHALL, FLUSHDB) send every tracking connection a null
 *   instead of keys (in the tracking connection's protocol, even when
 *   redirected) and empty the table.
 * - **Bound**: the table holds at most `tracking-table-max-keys` keys (0:
 *   no limit). Past it the oldest remembered keys are invalidated as if
 *   changed, at once (Redis picks random keys, before the next command).
 *   Ids of connections that left stay until their keys are invalidated,
 *   as in Redis, so the bound covers them too.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder } from '@mini-redis/resp';
import { deferBeforeFlush } from './internal/deferred-flush.js';
import type { Session } from './session.js';

/** A connection's CLIENT TRACKING settings while tracking is on (`Session#tracking`). */
export interface ClientTracking {
  /** The connection that gets the invalidations (CLIENT GETREDIR); 0: this one. */
  redirect: number;
  /** The redirection's target was gone when an invalidation was due (TRACKINGINFO's broken_redirect, CLIENT LIST's R). */
  brokenRedirect: boolean;
  readonly bcast: boolean;
  readonly optin: boolean;
  readonly optout: boolean;
  readonly noloop: boolean;
  /** CLIENT CACHING was given for the next command (or transaction). */
  caching: boolean;
  /** BCAST's prefixes (Latin-1 strings of their bytes). */
  readonly prefixes: Set<string>;
}

/** What CLIENT TRACKING ON asks for, checked already (commands/client-tracking.ts). */
export interface TrackingOptions {
  readonly redirect: number;
  readonly bcast: boolean;
  readonly optin: boolean;
  readonly optout: boolean;
  readonly noloop: boolean;
  readonly prefixes: readonly string[];
}

// The keys changed under one BCAST prefix since the last broadcast, each
// with the connection whose command changed it last (null: an expiry),
// for NOLOOP; and the connections that track the prefix.
interface PrefixState {
  readonly keys: Map<string, Session | null>;
  readonly clients: Set<Session>;
}

const INVALIDATE_CHANNEL = Buffer.from('__redis__:invalidate', 'latin1');

// The message's keys: their names, or null for "every key" (a flush).
type Keys = readonly string[] | null;

/** The server's tracking table and BCAST prefixes; one per server, shared by every keyspace. */
export class Tracking {
  /**
   * The connection whose command runs now (set by dispatch), or null (the
   * purge task's expiries): its own invalidations wait for its reply.
   */
  running: Session | null = null;
  /**
   * The connection whose command changes keys now: `running`, except
   * while a script runs, when it is the script client (BCAST's NOLOOP
   * compares with it, as Redis's records the executing client).
   */
  writer: Session | null = null;
  readonly #sessions: ReadonlyMap<number, Session>;
  readonly #maxKeys: () => number;
  #clients = 0;
  // Key to the ids of the connections that may cache it. Map order is
  // the order keys were first remembered: the bound drops the oldest.
  readonly #table = new Map<string, Set<number>>();
  #items = 0;
  readonly #prefixes = new Map<string, PrefixState>();
  #broadcastQueued = false;
  // Invalidations for `running` itself, sent after its command's reply.
  #pending: (string | null)[] = [];

  /**
   * @param sessions the connected sessions by id (redirection targets).
   * @param maxKeys reads `tracking-table-max-keys` (CONFIG SET changes it).
   */
  constructor(sessions: ReadonlyMap<number, Session>, maxKeys: () => number) {
    this.#sessions = sessions;
    this.#maxKeys = maxKeys;
  }

  /**
   * Whether changes matter here: a connection tracks, or the table still
   * holds keys (remembered for connections that since turned tracking
   * off or left: a change drops them, as in Redis, and INFO counts them
   * until then). The keyspaces signal changes only then: a field kept up
   * to date, so the write path reads no Map.
   */
  get enabled(): boolean {
    return this.#enabled;
  }

  #enabled = false;

  #updateEnabled(): void {
    this.#enabled = this.#clients !== 0 || this.#table.size !== 0;
  }

  /** INFO's tracking_clients. */
  get clients(): number {
    return this.#clients;
  }

  /** INFO's tracking_total_keys: keys remembered. */
  get keyCount(): number {
    return this.#table.size;
  }

  /** INFO's tracking_total_items: (key, connection) pairs remembered. */
  get itemCount(): number {
    return this.#items;
  }

  /** INFO's tracking_total_prefixes: BCAST prefixes in use. */
  get prefixCount(): number {
    return this.#prefixes.size;
  }

  /**
   * Turns tracking on for `session`, or changes its settings (Redis's
   * enableTracking): the redirection and the flags are replaced; BCAST
   * prefixes are added to those it has (no prefix: the empty one, every
   * key). The caller has checked the options against each other and the
   * session's current mode.
   */
  enable(session: Session, options: TrackingOptions): void {
    const previous = session.tracking;
    if (previous === null) this.#clients++;
    this.#enabled = true;
    const tracking: ClientTracking = {
      redirect: options.redirect,
      brokenRedirect: false,
      bcast: options.bcast,
      optin: options.optin,
      optout: options.optout,
      noloop: options.noloop,
      caching: previous?.caching ?? false,
      prefixes: previous?.prefixes ?? new Set(),
    };
    session.tracking = tracking;
    if (!options.bcast) return;
    const prefixes = options.prefixes.length === 0 ? [''] : options.prefixes;
    for (const prefix of prefixes) {
      let state = this.#prefixes.get(prefix);
      if (state === undefined) {
        state = { keys: new Map(), clients: new Set() };
        this.#prefixes.set(prefix, state);
      }
      state.clients.add(session);
      tracking.prefixes.add(prefix);
    }
  }

  /**
   * Turns tracking off for `session` (CLIENT TRACKING OFF, a closed
   * connection). Its ids stay in the table until their keys go, as in
   * Redis: a connection with many keys leaves at no cost.
   */
  disable(session: Session): void {
    const tracking = session.tracking;
    if (tracking === null) return;
    for (const prefix of tracking.prefixes) {
      const state = this.#prefixes.get(prefix);
      if (state === undefined) continue;
      state.clients.delete(session);
      if (state.clients.size === 0) this.#prefixes.delete(prefix);
    }
    session.tracking = null;
    this.#clients--;
    this.#updateEnabled();
  }

  /**
   * Remembers `keys`, which `session`'s read-only command just read (Redis's
   * trackingRememberKeys), unless its mode says not to; then keeps the
   * table within its bound.
   */
  remember(session: Session, keys: readonly string[]): void {
    const tracking = session.tracking;
    if (tracking === null || tracking.bcast) return;
    if ((tracking.optin && !tracking.caching) || (tracking.optout && tracking.caching)) return;
    const id = session.id;
    for (const key of keys) {
      let ids = this.#table.get(key);
      if (ids === undefined) {
        ids = new Set();
        this.#table.set(key, ids);
      }
      if (!ids.has(id)) {
        ids.add(id);
        this.#items++;
      }
    }
    this.#limit();
  }

  /**
   * A key changed (`Keyspace#touch`): invalidates it for the connections
   * that may cache it, and collects it for BCAST prefixes. `byCommand` is
   * false for an expiry, which no connection caused (NOLOOP in BCAST).
   */
  keyModified(key: string, byCommand: boolean): void {
    if (this.#prefixes.size !== 0) this.#collect(key, byCommand ? this.writer : null);
    this.#invalidate(key);
  }

  /**
   * FLUSHALL and FLUSHDB: every tracking connection is told that every
   * key changed (a null), and the table is emptied.
   */
  flushed(): void {
    if (this.#clients !== 0) {
      for (const session of this.#sessions.values()) {
        if (session.tracking === null) continue;
        if (session === this.running) this.#pending.push(null);
        else this.#send(session, null);
      }
    }
    this.#table.clear();
    this.#items = 0;
    this.#updateEnabled();
  }

  /**
   * Sends `session` the invalidations its own command caused, after that
   * command's reply; dispatch calls it when the command (or EXEC) is done.
   */
  sendPending(session: Session): void {
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    if (session.tracking === null) return;
    for (const key of pending) this.#send(session, key === null ? null : [key]);
  }

  // BCAST: notes `key` under every prefix it starts with, and queues the
  // broadcast for the end of this turn.
  #collect(key: string, modifier: Session | null): void {
    let matched = false;
    for (const [prefix, state] of this.#prefixes) {
      if (!key.startsWith(prefix)) continue;
      // Set again to move nothing: only the last modifier matters (NOLOOP).
      state.keys.set(key, modifier);
      matched = true;
    }
    if (matched && !this.#broadcastQueued) {
      this.#broadcastQueued = true;
      deferBeforeFlush(() => this.#broadcast());
    }
  }

  // Sends each prefix's collected keys, prefixes and keys in byte order
  // (Redis's radix trees), to each connection tracking the prefix; a
  // NOLOOP connection without the keys it changed itself, and nothing
  // when that leaves none.
  #broadcast(): void {
    this.#broadcastQueued = false;
    const prefixes = [...this.#prefixes.keys()].sort(byteOrder);
    for (const prefix of prefixes) {
      const state = this.#prefixes.get(prefix)!;
      if (state.keys.size === 0) continue;
      const changed = [...state.keys.entries()].sort((a, b) => byteOrder(a[0], b[0]));
      state.keys.clear();
      const all = changed.map(([key]) => key);
      for (const session of state.clients) {
        if (session.tracking?.noloop !== true) {
          this.#send(session, all);
          continue;
        }
        const others = changed.filter(([, modifier]) => modifier !== session).map(([key]) => key);
        if (others.length !== 0) this.#send(session, others);
      }
    }
  }

  // Redis's sendTrackingMessage: to the connection itself or its
  // redirection's target, as a RESP3 push or a RESP2 pub/sub message.
  #send(session: Session, keys: Keys): void {
    const tracking = session.tracking!;
    let to = session;
    if (tracking.redirect !== 0) {
      const target = this.#sessions.get(tracking.redirect);
      if (target === undefined) {
        tracking.brokenRedirect = true;
        if (session.reply.protocol === 3) {
          const id = tracking.redirect;
          session.push((reply) => {
            reply.pushHeader(2);
            reply.bulk('tracking-redir-broken');
            reply.integer(id);
          });
        }
        return;
      }
      to = target;
    }
    // The null of a flush is written in the tracking connection's own
    // protocol, whatever its target speaks (Redis sends its shared null).
    const nullProtocol = session.reply.protocol;
    if (to.reply.protocol === 3) {
      to.push((reply) => {
        reply.pushHeader(2);
        reply.bulk('invalidate');
        writeKeys(reply, keys, nullProtocol);
      });
    } else if (tracking.redirect !== 0 && to.subscribed) {
      to.push((reply) => {
        reply.pushHeader(3);
        reply.bulk('message');
        reply.bulk(INVALIDATE_CHANNEL);
        writeKeys(reply, keys, nullProtocol);
      });
    }
  }

  // Default mode's half of a change: tells the connections remembered
  // for `key`, and forgets it.
  #invalidate(key: string): void {
    const ids = this.#table.get(key);
    if (ids === undefined) return;
    this.#table.delete(key);
    this.#items -= ids.size;
    if (this.#table.size === 0) this.#updateEnabled();
    const running = this.running;
    for (const id of ids) {
      const target = this.#sessions.get(id);
      // A connection that left, turned tracking off or moved to BCAST
      // since: nothing to tell.
      if (target === undefined || target.tracking === null || target.tracking.bcast) continue;
      if (target === running) {
        if (!target.tracking.noloop) this.#pending.push(key);
      } else {
        this.#send(target, [key]);
      }
    }
  }

  // Past `tracking-table-max-keys`, invalidates the oldest keys, as if
  // they had changed (but not for BCAST: nothing changed), until the
  // table fits.
  #limit(): void {
    const max = this.#maxKeys();
    if (max === 0) return;
    while (this.#table.size > max) this.#invalidate(this.#table.keys().next().value as string);
  }
}

function writeKeys(reply: ReplyEncoder, keys: Keys, nullProtocol: 2 | 3): void {
  if (keys === null) {
    const protocol = reply.protocol;
    reply.protocol = nullProtocol;
    reply.null();
    reply.protocol = protocol;
    return;
  }
  reply.arrayHeader(keys.length);
  for (const key of keys) reply.bulk(Buffer.from(key, 'latin1'));
}

// Byte order of Latin-1 strings of bytes: UTF-16 code unit order is it.
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
