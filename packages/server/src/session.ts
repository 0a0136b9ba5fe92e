/**
 * The state of one client connection that commands read and change: its
 * id and name, selected database, protocol, authentication, subscriptions,
 * its transaction (MULTI) and watched keys (WATCH), whether it monitors
 * (MONITOR), its key tracking (CLIENT TRACKING) and whether its replies
 * are silenced (CLIENT REPLY).
 * The `Handler` owns the socket; the `Session` is what commands see.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { broadcast } from '@mini-redis/channels';
import type { ReplyEncoder } from '@mini-redis/resp';
import type { AclUser } from './acl/user.js';
import { type ConnectionBuffers, NO_BUFFERS } from './client-memory.js';
import type { Command, CommandContext } from './command.js';
import type { Db } from './db.js';
import type { PubSubMessage } from './pubsub.js';
import type { ServerInfo } from './server-info.js';
import type { CommandStats } from './stats.js';
import type { ClientTracking } from './tracking.js';
import type { Transaction } from './transaction.js';
import { WatchedKeys } from './watched-keys.js';

export class Session {
  readonly id: number;
  readonly remoteAddress: string;
  readonly localAddress: string;
  /**
   * The Unix socket's path when the client came through one (CLIENT LIST's
   * `U` flag, MONITOR's `unix:` prefix); null over TCP.
   */
  readonly unixSocket: string | null;
  readonly createdAt = Date.now();
  /** Where this connection's replies are written. */
  readonly reply: ReplyEncoder;
  name = '';
  libName = '';
  libVersion = '';
  /**
   * CLIENT NO-EVICT: client eviction (maxmemory-clients; client-eviction.ts)
   * never closes this connection (CLIENT LIST's `e` flag). RESET leaves
   * it, as in Redis 7.0.
   */
  noEvict = false;
  /** The memory client eviction last counted for this connection (client-eviction.ts). */
  countedMemory = 0;
  /**
   * Set by a command that blocks the connection (WAIT, the blocking list
   * pops): for how many
   * milliseconds (Infinity: until it ends), and what to reply then. The
   * handler takes it at once, keeps the later commands behind it, and
   * clears it when the block ends.
   */
  block: {
    ms: number;
    finish: (reply: ReplyEncoder) => void;
    /**
     * The command waits on the server's own work (CONFIG SET moving the
     * listeners), not on other clients: CLIENT UNBLOCK leaves it, and the
     * connection is not listed as blocked (CLIENT LIST's `b`).
     */
    internal?: boolean;
    /** Called once the block ends, however it ends (a blocked pop leaves its keys' queues). */
    cancel?: () => void;
  } | null = null;
  /**
   * What INFO commandstats and the slow log still need of the command that
   * blocked the connection: they count its call when it blocks and its
   * time when the block ends (dispatch.ts's accountUnblock).
   */
  blocked: {
    readonly counters: CommandStats;
    /** Microseconds it ran before blocking. */
    readonly usec: number;
    /** Its arguments as the slow log keeps them (null: the slow log was off). */
    readonly slowlogArgs: Buffer[] | null;
  } | null = null;
  /**
   * Ends `block` from elsewhere: `true` replies UNBLOCKED (CLIENT UNBLOCK
   * ERROR), `false` its timeout reply (CLIENT UNBLOCK), a function writes
   * the reply itself (a blocked pop served by another connection's push).
   */
  unblock: (how: boolean | ((reply: ReplyEncoder) => void)) => void = () => {};
  db = 0;
  /** The ACL user the connection runs as: `default` until AUTH or HELLO names another. */
  user: AclUser;
  /**
   * Authenticated, by AUTH or HELLO, or at connection when the default
   * user needed no password then. Whether an unauthenticated connection
   * is refused depends on the default user now (AccessControl#authRequired).
   */
  authenticated: boolean;
  lastInteraction = Date.now();
  lastCommand = 'NULL';
  /** The name bytes of the last command found, and the command: `dispatch`'s lookup cache. */
  previousLookup: { readonly name: Buffer; readonly command: Command } | null = null;
  /** Set by QUIT, CLIENT KILL and protocol errors: close once replies are written. */
  closeAfterReply = false;
  readonly channels = new Map<string, broadcast.BroadcastReceiver<PubSubMessage>>();
  readonly patterns = new Map<string, broadcast.BroadcastReceiver<PubSubMessage>>();
  /** SSUBSCRIBE's shard channels. */
  readonly shardChannels = new Map<string, broadcast.BroadcastReceiver<PubSubMessage>>();
  /** The open transaction between MULTI and EXEC or DISCARD; null outside one. */
  transaction: Transaction | null = null;
  /** The keys WATCHed for the next EXEC. */
  readonly watched = new WatchedKeys();
  /** The MONITOR feed's receiver while this connection monitors (monitor.ts); else null. */
  monitor: broadcast.BroadcastReceiver<string> | null = null;
  /** Called when a subscription is added, so the handler starts reading it. */
  onSubscribe: (receiver: broadcast.BroadcastReceiver<PubSubMessage>) => void = () => {};
  /** Called when MONITOR starts, so the handler starts reading the feed. */
  onMonitor: (receiver: broadcast.BroadcastReceiver<string>) => void = () => {};
  /**
   * Writes into `reply` the messages this connection's subscriptions hold
   * now, and the MONITOR lines it holds. PUBLISH calls it before its reply,
   * and the MONITOR feed after each command of a monitoring connection
   * (see the handler).
   */
  deliverMessages: () => void = () => {};
  /** Called to end this connection from elsewhere (CLIENT KILL). */
  kill: () => void = () => {};
  /**
   * Closes the connection for client eviction, at once: its unsent
   * output is dropped (freeing it is the point), nothing more is run for
   * it, and it leaves the sessions before this returns.
   */
  evict: () => void = () => {};
  /** What the handler knows of this connection's buffers (client-memory.ts). */
  buffers: () => ConnectionBuffers = () => NO_BUFFERS;
  /**
   * Writes a push (a tracking invalidation) into this connection's output
   * from outside its own commands, through CLIENT REPLY OFF, and sees it
   * sent; the handler closes a connection whose unread output passes its
   * pub/sub limit, as for a subscriber.
   */
  push: (write: (reply: ReplyEncoder) => void) => void = (write) =>
    this.reply.unmuted(() => write(this.reply));
  /** CLIENT TRACKING's settings while it is on (tracking.ts); null while off. */
  tracking: ClientTracking | null = null;
  /** CLIENT REPLY OFF: replies are dropped until CLIENT REPLY ON. */
  replyOff = false;
  /** CLIENT REPLY SKIP was the last command: this command's reply is dropped. */
  replySkip = false;
  /** The script client (scripts.ts): the session a Lua script's commands run as. It may never block. */
  script = false;
  /** CLIENT REPLY SKIP runs now: the next command's reply is dropped. */
  replySkipNext = false;

  /** What this session's commands see; `dispatch` updates it before each command. */
  readonly context: CommandContext;

  constructor(
    id: number,
    addresses: { remote: string; local: string; unixSocket?: string },
    reply: ReplyEncoder,
    shared: { server: ServerInfo; db: Db },
  ) {
    this.id = id;
    this.remoteAddress = addresses.remote;
    this.localAddress = addresses.local;
    this.unixSocket = addresses.unixSocket ?? null;
    this.reply = reply;
    const acl = shared.server.acl;
    this.user = acl.defaultUser;
    this.authenticated = acl.authenticatedAtStart();
    this.context = {
      session: this,
      db: shared.db,
      keyspace: shared.db.databases[0]!,
      reply,
      server: shared.server,
      now: 0,
    };
  }

  /** Channel plus pattern subscriptions: the count in SUBSCRIBE's replies. */
  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /**
   * Whether the connection subscribes to anything, shard channels included:
   * Redis's pub/sub client (CLIENT LIST's P, RESP2's subscribed mode).
   */
  get subscribed(): boolean {
    return this.channels.size + this.patterns.size + this.shardChannels.size > 0;
  }

  /**
   * Leaves the transaction, if any, and unwatches every key: what EXEC,
   * DISCARD and RESET end with, and what a closed connection needs.
   */
  endTransaction(): void {
    this.transaction = null;
    this.watched.clear();
  }

  /**
   * A command is done (its reply written, a block over), Redis's
   * resetClient: CLIENT REPLY SKIP takes effect for the next command and
   * ends for this one, and CLIENT CACHING's word holds only for the next
   * command (or the whole transaction), unless this was another CLIENT
   * command.
   */
  commandDone(): void {
    // Usually nothing is set: then nothing is done.
    if (this.replySkip || this.replySkipNext) {
      this.replySkip = this.replySkipNext;
      this.replySkipNext = false;
      this.reply.muted = this.replyOff || this.replySkip;
    } else if (this.replyOff) {
      // Muted again: forgets what this command's reply put aside.
      this.reply.muted = true;
    }
    const tracking = this.tracking;
    if (tracking !== null && this.transaction === null && !this.lastCommand.startsWith('client|'))
      tracking.caching = false;
  }

  /** RESP2 connections with a subscription accept only the pub/sub commands. */
  get inSubscribeMode(): boolean {
    return this.reply.protocol === 2 && this.subscribed;
  }
}
