/**
 * Commands that change the state of the one connection every handle of a
 * client actor shares.
 *
 * The manager owns that connection and redoes its handshake after every
 * reconnect. A command that changed the connection behind its back would
 * either leak into other callers' commands, or be undone without a word by
 * the next reconnect. So, when it goes through `command()`:
 *
 * - SELECT, AUTH, CLIENT SETNAME and CLIENT NO-EVICT are *recorded*: when
 *   their reply is not an error, the manager takes the new database,
 *   credentials, name or eviction exemption, and the handshake after a
 *   reconnect restores them (ioredis does the same for SELECT). Commands other handles send meanwhile see the change, as on
 *   any shared connection.
 * - Commands that would capture other callers' replies or change how
 *   replies are framed are *refused* with a TypeError, before anything is
 *   sent: MULTI/EXEC/DISCARD (use `multi()`, written back to back),
 *   WATCH/UNWATCH (lease a connection), SUBSCRIBE and the rest of pub/sub's
 *   mode changes (use a subscriber), MONITOR (use `createMonitor`), SYNC and PSYNC (a replica's
 *   handshake: the replies would become a replication stream), HELLO
 *   and RESET (the manager chooses the protocol), QUIT (use `close()`),
 *   CLIENT REPLY (replies are matched to callers one to one), and CLIENT
 *   TRACKING except on a lease (a reconnect would lose it: use the `cache`
 *   option).
 *
 * A pool lease's connection is the caller's own and is never reopened (a
 * reconnect would silently drop a WATCH or an open MULTI), so there
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH are allowed. The manager notes
 * MULTI, EXEC and DISCARD as it writes them, so that its health check
 * never writes a PING into an open transaction. Inside `pipeline()`
 * and `multi()`, and on a pool's routed connections, recorded commands are
 * refused too: there the change could not be restored (a batch's replies
 * arrive together; a pool routes each command to any of its connections).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { CommandArg } from '@mini-redis/resp';

/** A change of connection state the manager restores after a reconnect. */
export type StateChange =
  | { readonly kind: 'db'; readonly db: number }
  // Credentials and names keep the caller's argument, bytes and all.
  | {
      readonly kind: 'auth';
      readonly username: CommandArg | undefined;
      readonly password: CommandArg;
    }
  | { readonly kind: 'name'; readonly name: CommandArg | undefined }
  // CLIENT NO-EVICT ON or OFF.
  | { readonly kind: 'noEvict'; readonly on: boolean }
  // MULTI (open) or EXEC/DISCARD (closed), on a lease: noted when written,
  // whatever the reply (an EXEC refused with EXECABORT ends it too).
  | { readonly kind: 'transaction'; readonly open: boolean };

const SUBSCRIBER_ONLY =
  'needs a connection of its own: use createSubscriber() or connect(address).subscribe()';

// Lower-case command name → why it is refused. CLIENT is looked at by
// subcommand below.
const REFUSED = new Map<string, string>([
  ['subscribe', SUBSCRIBER_ONLY],
  ['psubscribe', SUBSCRIBER_ONLY],
  ['ssubscribe', 'needs a connection of its own: use createSubscriber() and its ssubscribe()'],
  ['unsubscribe', SUBSCRIBER_ONLY],
  ['punsubscribe', SUBSCRIBER_ONLY],
  ['sunsubscribe', 'needs a connection of its own: use createSubscriber() and its sunsubscribe()'],
  ['monitor', 'needs a connection of its own: use createMonitor(address)'],
  [
    'multi',
    "would take other callers' commands into the transaction: use multi(), which writes the transaction back to back",
  ],
  ['exec', 'ends a transaction, and transactions go through multi()'],
  ['discard', 'ends a transaction, and transactions go through multi()'],
  [
    'watch',
    'applies to the connection every handle shares: lease a connection (pool.lease()) or use connect(address)',
  ],
  [
    'unwatch',
    'applies to the connection every handle shares: lease a connection (pool.lease()) or use connect(address)',
  ],
  [
    'hello',
    'would change the protocol the client chose: use the username, password and name options',
  ],
  [
    'reset',
    "would reset the connection every handle shares: use connect(address) for a connection of one's own",
  ],
  // A replica's handshake: the server answers with its dataset (an RDB
  // payload framed as no RESP reply is) and then streams its writes, so the
  // connection would stop carrying replies at all.
  [
    'sync',
    "would make the connection a replica, fed the server's dataset and writes instead of replies",
  ],
  [
    'psync',
    "would make the connection a replica, fed the server's dataset and writes instead of replies",
  ],
  [
    'quit',
    'would close the connection every handle shares, and the client would open another: use close()',
  ],
]);

// What a lease (a connection of the caller's own, never reopened) allows.
const TRANSACTION = new Set(['multi', 'exec', 'discard', 'watch', 'unwatch']);

/**
 * Where a command goes: a client's connection, shared by its handles; one
 * of a pool's routed connections; a pool lease's connection, the caller's
 * own and never reopened (so a transaction's state cannot be lost to a
 * reconnect); or a `pipeline()`/`multi()` batch.
 */
export type Destination = 'shared' | 'pooled' | 'leased' | 'batch';

/** What `inspect` found: nothing, a change to record, or a refusal. */
export type Inspection = StateChange | TypeError | null;

/**
 * Looks at a command sent to `destination`. Returns null for the common
 * case (a command that leaves the connection as it was), the change to
 * record, or a TypeError saying why it is refused.
 */
export function inspect(args: readonly CommandArg[], destination: Destination): Inspection {
  const first = args[0];
  if (typeof first !== 'string' && !(first instanceof Uint8Array)) return null;
  // Every command() call comes through here: names of 3 letters (GET, SET,
  // DEL...) or longer than 12 are none of ours, and cost one comparison.
  if (first.length < 4 || first.length > 12) return null;
  const name = text(first).toLowerCase();
  const why = REFUSED.get(name);
  if (why !== undefined && !(destination === 'leased' && TRANSACTION.has(name)))
    return new TypeError(`${name.toUpperCase()} ${why}`);
  if (name === 'client' && destination !== 'leased' && isTracking(args))
    return new TypeError(
      'CLIENT TRACKING on a connection the client reopens would be lost at the next reconnect (and would break the cache option): use the cache option, or a connection of its own (connect(address), a pool lease)',
    );
  const change = stateChange(name, args);
  if (change === null) return null;
  if (change instanceof TypeError || destination === 'shared' || destination === 'leased')
    return change;
  return new TypeError(
    `${describe(args)} would change one connection where the change cannot be restored (a batch, or a pool's shared connection): send it on its own from a client, or set the db, username, password, name or noEvict option`,
  );
}

// The change SELECT, AUTH, CLIENT SETNAME or CLIENT NO-EVICT asks for, when its arguments
// are well formed; null otherwise (the server then replies with its error,
// and nothing changes).
function stateChange(name: string, args: readonly CommandArg[]): StateChange | TypeError | null {
  switch (name) {
    case 'select': {
      if (args.length !== 2) return null;
      const db = Number(text(args[1]!));
      return Number.isSafeInteger(db) && db >= 0 ? { kind: 'db', db } : null;
    }
    case 'multi':
      return { kind: 'transaction', open: true };
    case 'exec':
    case 'discard':
      return { kind: 'transaction', open: false };
    case 'auth':
      if (args.length === 2) return { kind: 'auth', username: undefined, password: args[1]! };
      if (args.length === 3) return { kind: 'auth', username: args[1]!, password: args[2]! };
      return null;
    case 'client': {
      const sub = args.length >= 2 ? text(args[1]!).toLowerCase() : '';
      if (sub === 'reply')
        return new TypeError(
          'CLIENT REPLY would stop the replies the client matches to callers one to one',
        );
      if (sub === 'setname' && args.length === 3) {
        // An empty name clears it.
        return { kind: 'name', name: text(args[2]!) === '' ? undefined : args[2]! };
      }
      if (sub === 'no-evict' && args.length === 3) {
        // The server takes ON and OFF in any case, and refuses anything else.
        const value = text(args[2]!).toLowerCase();
        if (value === 'on' || value === 'off') return { kind: 'noEvict', on: value === 'on' };
      }
      return null;
    }
    default:
      return null;
  }
}

function isTracking(args: readonly CommandArg[]): boolean {
  return args.length >= 2 && text(args[1]!).toLowerCase() === 'tracking';
}

function text(arg: CommandArg): string {
  return arg instanceof Uint8Array ? Buffer.from(arg).toString('latin1') : String(arg);
}

function describe(args: readonly CommandArg[]): string {
  const name = text(args[0]!).toUpperCase();
  return name === 'CLIENT' ? `CLIENT ${text(args[1]!).toUpperCase()}` : name;
}
