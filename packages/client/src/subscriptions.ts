/**
 * The bookkeeping behind `createSubscriber`: the channels, patterns and
 * shard channels the caller wants, those the server of the current
 * connection has confirmed, and the changes on their way between the two.
 * Each of the three is a family of its own (a subscribe and an
 * unsubscribe command, a wanted set, a confirmed set): Redis keeps them
 * apart, and so does this.
 *
 * Redis answers SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBEs with
 * one confirmation per name, or, when it refuses the command, with a
 * single error in place of all of them: NOPERM for a channel the ACL user
 * may not use (in Redis 7 a new user may use none), BUSY while a script
 * runs. Replies come in the order the commands were written, so the
 * ledger keeps the commands written and not yet answered in a FIFO and
 * gives each reply to the oldest: a change resolves at its last
 * confirmation, or rejects with the server's error. An UNSUBSCRIBE from
 * all is answered once per channel the server has (once when it has
 * none), which the confirmations before it tell.
 *
 * A refused change is undone: each name it would have added or removed
 * is wanted again as the server has it (unless a later change names it),
 * so the next reconnect does not restore what the server refused.
 *
 * Redis Cluster also ends a shard channel's subscription unasked, when
 * the channel's slot leaves the node (migrated, or taken over), with a
 * message shaped like SUNSUBSCRIBE's confirmation. One that no SUNSUBSCRIBE
 * written waits for is that: the name is no longer wanted here, and the
 * owner hears of it (`dropped`) to subscribe where the slot went; so it
 * does of a shard channel whose restore is refused with MOVED.
 *
 * After a reconnect every wanted name is subscribed again, one command per
 * name, so that the server can refuse one (an ACL changed meanwhile: Redis
 * drops the subscribers it concerns) and keep the others; a name refused
 * is no longer wanted. A restore refused because the server cannot serve
 * now (BUSY, LOADING) is a failed connection instead, and tried again on
 * the next. Changes not confirmed when the connection dropped, or made
 * while it was down, resolve once the restore is answered, or reject when
 * it refused a name they added.
 *
 * @module
 */

import { type CommandArg, type Frame, ReplyError } from '@mini-redis/resp';
import { isNotNow } from './errors.js';

/** A command that changes subscriptions. */
export type ChangeKind =
  | 'subscribe'
  | 'psubscribe'
  | 'ssubscribe'
  | 'unsubscribe'
  | 'punsubscribe'
  | 'sunsubscribe';

// What a change's kind is about: channels, patterns or shard channels.
type Family = 'channels' | 'patterns' | 'shardChannels';

const FAMILY: Readonly<Record<ChangeKind, Family>> = {
  subscribe: 'channels',
  unsubscribe: 'channels',
  psubscribe: 'patterns',
  punsubscribe: 'patterns',
  ssubscribe: 'shardChannels',
  sunsubscribe: 'shardChannels',
};

// Whether a kind adds names (a subscribe) rather than removing them.
const ADDS: ReadonlySet<ChangeKind> = new Set(['subscribe', 'psubscribe', 'ssubscribe']);

// Each family's subscribe command, for the restore after a reconnect.
const RESTORE: Readonly<Record<Family, ChangeKind>> = {
  channels: 'subscribe',
  patterns: 'psubscribe',
  shardChannels: 'ssubscribe',
};

/** A caller's change of subscriptions, settled once. */
export interface Change {
  readonly kind: ChangeKind;
  /**
   * The names it touches: those given, or for an unsubscribe from all,
   * those it took out of the wanted set.
   */
  readonly names: readonly string[];
  /** An UNSUBSCRIBE or PUNSUBSCRIBE from all. */
  readonly all: boolean;
  readonly promise: Promise<void>;
}

// The settling side of a Change.
interface Pending extends Change {
  settled: boolean;
  resolve(): void;
  reject(error: Error): void;
}

// A command written on the current connection, waiting for its replies.
interface Written {
  readonly kind: ChangeKind | 'ping';
  // Confirmations still to come; null for an unsubscribe from all, counted
  // when its first arrives.
  remaining: number | null;
  // The caller's change it carries; null for a restore or a health check.
  readonly change: Pending | null;
  // The name a restore subscribes again; null otherwise.
  readonly restores: string | null;
}

/** What `Subscriptions#reply` asks of the connection's owner. */
export type ReplyOutcome =
  | { readonly kind: 'handled' }
  // A restore refused because the server cannot serve now: drop the
  // connection and count a failed attempt.
  | { readonly kind: 'retry'; readonly error: ReplyError }
  // The server ended a wanted shard channel's subscription unasked (its
  // slot moved to another node of a cluster): no longer wanted; tell the user.
  | { readonly kind: 'dropped'; readonly channel: string };

const HANDLED: ReplyOutcome = { kind: 'handled' };

/**
 * One subscriber's subscriptions (see the module): `request` records a
 * change, `reply` takes what the server answers, `connected` and
 * `disconnected` follow the connection. Its promises are the callers'
 * changes; nothing here writes or reads a socket.
 */
export class Subscriptions {
  /** The channels wanted: subscribed, or to be. */
  readonly channels = new Set<string>();
  /** The patterns wanted. */
  readonly patterns = new Set<string>();
  /** The shard channels wanted (SSUBSCRIBE). */
  readonly shardChannels = new Set<string>();
  // What the current connection's server has confirmed, by family.
  readonly #server: Readonly<Record<Family, Set<string>>> = {
    channels: new Set(),
    patterns: new Set(),
    shardChannels: new Set(),
  };
  // Commands written on the current connection and not yet answered, oldest first.
  #written: Written[] = [];
  // Changes to confirm on the next connection: made while there was none,
  // or not confirmed when the last one dropped. Oldest first.
  #unwritten: Pending[] = [];
  // Changes the current connection's restore confirms, and how many of
  // its commands are not answered yet.
  #restoreWaiters: Pending[] = [];
  #restoring = 0;

  /**
   * Records a change of the wanted names and returns it with the command
   * to write, or null when there is nothing to write: no connection (the
   * next one's restore confirms it), or nothing to subscribe to (it has
   * resolved).
   */
  request(
    kind: ChangeKind,
    names: readonly string[],
    connected: boolean,
  ): { change: Change; command: CommandArg[] | null } {
    const wanted = this[FAMILY[kind]];
    const adds = ADDS.has(kind);
    const all = names.length === 0 && !adds;
    const touched = all ? [...wanted] : names;
    if (adds) for (const name of names) wanted.add(name);
    else if (all) wanted.clear();
    else for (const name of names) wanted.delete(name);
    const change = pending(kind, touched, all);
    // SUBSCRIBE with no channel is an arity error: there is nothing to do.
    if (names.length === 0 && !all) {
      change.settled = true;
      change.resolve();
      return { change, command: null };
    }
    if (!connected) {
      this.#unwritten.push(change);
      return { change, command: null };
    }
    this.#written.push({
      kind,
      remaining: all ? null : names.length,
      change,
      restores: null,
    });
    return { change, command: [kind.toUpperCase(), ...names] };
  }

  /** Records a health-check PING written now, and returns it. */
  ping(token: string): CommandArg[] {
    this.#written.push({ kind: 'ping', remaining: 1, change: null, restores: null });
    return ['PING', token];
  }

  /**
   * A new connection is up: returns the commands that subscribe it again
   * to every wanted name, to write at once, before any other.
   */
  connected(): CommandArg[][] {
    for (const confirmed of Object.values(this.#server)) confirmed.clear();
    this.#written = [];
    this.#restoreWaiters = this.#unwritten;
    this.#unwritten = [];
    const commands: CommandArg[][] = [];
    for (const family of ['channels', 'patterns', 'shardChannels'] as const) {
      const kind = RESTORE[family];
      for (const name of this[family]) {
        this.#written.push({ kind, remaining: 1, change: null, restores: name });
        commands.push([kind.toUpperCase(), name]);
      }
    }
    this.#restoring = commands.length;
    if (commands.length === 0) this.#restored();
    return commands;
  }

  /** The connection dropped: what was not confirmed waits for the next one. */
  disconnected(): void {
    const unconfirmed = [
      ...this.#restoreWaiters,
      ...this.#written.flatMap((written) => (written.change === null ? [] : [written.change])),
    ].filter((change) => !change.settled);
    this.#unwritten = [...unconfirmed, ...this.#unwritten];
    this.#restoreWaiters = [];
    this.#written = [];
    this.#restoring = 0;
  }

  /** Closing: every change still waiting resolves, as documented on `close()`. */
  close(): void {
    this.disconnected();
    for (const change of this.#unwritten) settle(change);
    this.#unwritten = [];
  }

  /**
   * A reply that is not a message: a confirmation, an error or a PING's
   * reply. Gives it to the oldest command written.
   */
  reply(frame: Frame): ReplyOutcome {
    const head = this.#written[0];
    const confirmation = confirmationOf(frame);
    // Redis Cluster unsubscribes a shard channel on its own when its slot
    // leaves the node, in the very form of SUNSUBSCRIBE's confirmation.
    // Replies come in order, so one that the oldest command written does
    // not expect was sent unasked. (When it does expect it, the two say
    // the same: the name is no longer subscribed.)
    if (
      confirmation?.kind === 'sunsubscribe' &&
      confirmation.name !== null &&
      !expectsUnsubscribe(head, confirmation.name)
    )
      return this.#droppedByServer(confirmation.name);
    if (head === undefined) return HANDLED;
    if (frame.type === 'error' || frame.type === 'blob-error') {
      this.#written.shift();
      const error = new ReplyError(
        frame.type === 'error' ? frame.value : frame.value.toString('utf8'),
      );
      return this.#refused(head, error);
    }
    if (confirmation === null) {
      // A PING's reply: `pong token` while subscribed, the token alone otherwise.
      if (head.kind === 'ping') this.#written.shift();
      return HANDLED;
    }
    if (confirmation.kind !== head.kind) return HANDLED;
    const server = this.#server[FAMILY[confirmation.kind]];
    // An unsubscribe from all: one confirmation per name the server has, or one.
    head.remaining ??= Math.max(1, server.size);
    if (confirmation.name !== null) {
      if (ADDS.has(confirmation.kind)) server.add(confirmation.name);
      else server.delete(confirmation.name);
    }
    if (--head.remaining > 0) return HANDLED;
    this.#written.shift();
    if (head.change !== null) settle(head.change);
    if (head.restores !== null) this.#restoreAnswered();
    return HANDLED;
  }

  // A shard channel the server unsubscribed unasked. Still wanted, and no
  // change on its way names it: no longer wanted here (subscribing again
  // on this node would be refused with MOVED), and the owner is told, so
  // that it can subscribe where the slot went.
  #droppedByServer(name: string): ReplyOutcome {
    this.#server.shardChannels.delete(name);
    const named = this.#written.some(
      (written) =>
        (written.change !== null &&
          FAMILY[written.change.kind] === 'shardChannels' &&
          (written.change.all || written.change.names.includes(name))) ||
        (written.kind === 'ssubscribe' && written.restores === name),
    );
    if (named || !this.shardChannels.delete(name)) return HANDLED;
    return { kind: 'dropped', channel: name };
  }

  #refused(head: Written, error: ReplyError): ReplyOutcome {
    if (head.change !== null) {
      settle(head.change, error);
      this.#undo(head.change);
      return HANDLED;
    }
    if (head.restores === null) return HANDLED; // a health check's PING
    if (isNotNow(error)) return { kind: 'retry', error };
    // Refused for good: no longer wanted, and the changes that asked for
    // it learn why. (A restore is a subscribe: head.kind is not 'ping'.)
    this[FAMILY[head.kind as ChangeKind]].delete(head.restores);
    for (const change of this.#restoreWaiters)
      if (change.kind === head.kind && change.names.includes(head.restores)) settle(change, error);
    this.#restoreAnswered();
    // A shard channel whose slot went to another node while the
    // connection was down: the owner is told, as of one dropped unasked.
    if (head.kind === 'ssubscribe' && error.code === 'MOVED')
      return { kind: 'dropped', channel: head.restores };
    return HANDLED;
  }

  // Wants each name of a refused change as the server has it, unless a
  // change written after it names it (or is an unsubscribe from all).
  #undo(change: Pending): void {
    const family = FAMILY[change.kind];
    const wanted = this[family];
    const server = this.#server[family];
    const later = this.#written.flatMap((written) =>
      written.change !== null && FAMILY[written.change.kind] === family ? [written.change] : [],
    );
    for (const name of change.names) {
      if (later.some((other) => other.all || other.names.includes(name))) continue;
      if (server.has(name)) wanted.add(name);
      else wanted.delete(name);
    }
  }

  #restoreAnswered(): void {
    if (--this.#restoring === 0) this.#restored();
  }

  #restored(): void {
    for (const change of this.#restoreWaiters) settle(change);
    this.#restoreWaiters = [];
  }
}

// Whether `head` is an SUNSUBSCRIBE waiting for `name`'s confirmation:
// one naming it, or one from all.
function expectsUnsubscribe(head: Written | undefined, name: string): boolean {
  const change = head?.change;
  return (
    head?.kind === 'sunsubscribe' && change != null && (change.all || change.names.includes(name))
  );
}

function pending(kind: ChangeKind, names: readonly string[], all: boolean): Pending {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { kind, names, all, promise, settled: false, resolve, reject };
}

// Resolves a change, or rejects it with `error`; only the first call counts.
function settle(change: Pending, error?: Error): void {
  if (change.settled) return;
  change.settled = true;
  if (error === undefined) change.resolve();
  else change.reject(error);
}

// `[kind, name or null, count]`, as Redis confirms a change; null for any
// other frame.
function confirmationOf(frame: Frame): { kind: ChangeKind; name: string | null } | null {
  if (frame.type !== 'array' && frame.type !== 'push') return null;
  const [kind, name, count] = frame.value;
  if (frame.value.length !== 3 || kind?.type !== 'bulk' || count?.type !== 'integer') return null;
  const text = kind.value.toString('latin1');
  if (!Object.hasOwn(FAMILY, text)) return null;
  const changeKind = text as ChangeKind;
  if (name?.type === 'bulk') return { kind: changeKind, name: name.value.toString('utf8') };
  return name?.type === 'null-bulk' || name?.type === 'null'
    ? { kind: changeKind, name: null }
    : null;
}
