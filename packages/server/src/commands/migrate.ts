/**
 * MIGRATE: moves keys to another server, as Redis's migrateCommand does:
 * it sends the target (a cached connection, migrate-sockets.ts) AUTH when
 * asked, SELECT when the connection last selected another database, and a
 * RESTORE of each key (its DUMP payload, its time to live, REPLACE when
 * asked), all in one write, and reads their replies. Each key the target
 * restored is deleted here, unless COPY; the reply is OK, the target's
 * first error ("ERR Target instance replied with error: ..."), or IOERR
 * when the connection failed or fell silent for `timeout` milliseconds (a
 * failure other than the timeout first closes the cached connection and
 * tries once more on a new one, as Redis does). NOKEY when no key exists.
 *
 * ```text
 * MIGRATE host port <key | ""> destination-db timeout [COPY] [REPLACE]
 *   [AUTH password | AUTH2 username password] [KEYS key [key ...]]
 * ```
 *
 * Redis blocks its whole process while it talks to the target. Here the
 * connection blocks until the reply and the server holds every other
 * connection's commands meanwhile (client-pause.ts), so the keys cannot
 * change while they move and the command stays atomic. Inside MULTI or a
 * script, where nothing may wait, it is refused with an error: this is
 * the one place this server differs from Redis.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { ReplyEncoder } from '@mini-redis/resp';
import { CommandEncoder, ReplyError, type RequestArgs } from '@mini-redis/resp';
import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';
import type { Exchange, MigrateSockets } from '../migrate-sockets.js';
import type { Persistence } from '../persistence.js';
import { RdbWriter } from '../rdb/format.js';
import { writeObject } from '../rdb/objects.js';

/** Raised inside MULTI or a script, where MIGRATE cannot wait for its target. */
export const MIGRATE_CANNOT_WAIT =
  'ERR MIGRATE cannot run inside MULTI or a script on this server: it waits for its target';

// What a MIGRATE asked for, parsed.
interface Options {
  copy: boolean;
  replace: boolean;
  username: Buffer | null;
  password: Buffer | null;
  // The key arguments: the third, or those after KEYS.
  firstKey: number;
}

export const migrate: Command = {
  name: 'migrate',
  arity: -6,
  flags: ['write', 'movablekeys'],
  keys: [3, 3, 1],
  execute(context, args) {
    const options = parseOptions(args);
    // Then the numbers, the timeout first, as Redis reads them.
    const timeoutArg = integerArg(args, 5);
    const db = integerArg(args, 4);
    const timeout = timeoutArg <= 0 ? 1000 : Number(timeoutArg);
    const { keyspace, now, session, reply, server } = context;
    // The keys that exist (a lookup each, as a read), in the order given;
    // a key named twice is restored twice, as in Redis.
    const moving: Moving[] = [];
    for (let i = options.firstKey; i < args.length; i++) {
      const key = args.latin1(i);
      const entry = keyspace.read(key, now);
      if (entry === undefined) continue;
      // The payload now: nothing changes the value before the write.
      const payload = new RdbWriter(server.config.rdbcompression === 'yes');
      writeObject(payload, entry.value);
      const ttl = entry.expiresAt === 0 ? 0 : Math.max(1, entry.expiresAt - now);
      moving.push({ key, name: args.copy(i), ttl, payload: payload.payload() });
    }
    if (moving.length === 0) {
      reply.simple('NOKEY');
      return;
    }
    if (session.transaction !== null || session.script) throw new CommandError(MIGRATE_CANNOT_WAIT);
    const host = args.latin1(1);
    const portText = args.latin1(2);
    const plan: Plan = {
      sockets: server.migrateSockets,
      // The cache's key, as Redis's: the arguments as spelled.
      name: `${host}:${portText}`,
      host,
      port: atoi(portText),
      db,
      timeout,
      options,
      moving,
    };
    // The connection waits for the outcome; every other one is held.
    // (No timeout ends the block, and nothing can unblock it while the
    // server is busy; the reply is the transfer's.)
    session.block = { ms: Number.POSITIVE_INFINITY, finish: ioError('reading') };
    server.pause.busyWith(session);
    transfer(plan, keyspace, context.db.persistence)
      // A bug must not leave the server busy for ever: it becomes the reply.
      .catch((error: unknown) => (reply: ReplyEncoder) => {
        const message = error instanceof Error ? error.message : String(error);
        reply.error(`ERR internal error in 'migrate': ${message}`);
      })
      .then((write) => {
        // The reply first (its connection's next commands run before the
        // others, as Redis runs the rest of its input), then the others.
        session.unblock(write);
        server.pause.idle();
      });
  },
};

// A key to move: its name (a string here, bytes for the target), its
// time to live in milliseconds (0: none) and its DUMP payload.
interface Moving {
  readonly key: string;
  readonly name: Buffer;
  readonly ttl: number;
  readonly payload: Buffer;
}

// Everything the transfer needs.
interface Plan {
  readonly sockets: MigrateSockets;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly db: number | bigint;
  readonly timeout: number;
  readonly options: Options;
  readonly moving: readonly Moving[];
}

// Reads the options after the timeout, as Redis: COPY, REPLACE, AUTH and
// AUTH2 in any order and repeated (the last wins), then KEYS and every
// argument after it as keys, which needs the key argument empty.
function parseOptions(args: RequestArgs): Options {
  const options: Options = {
    copy: false,
    replace: false,
    username: null,
    password: null,
    firstKey: 3,
  };
  for (let i = 6; i < args.length; i++) {
    const more = args.length - 1 - i;
    const option = args.latin1(i).toLowerCase();
    if (option === 'copy') options.copy = true;
    else if (option === 'replace') options.replace = true;
    else if (option === 'auth') {
      if (more < 1) throw new CommandError(Replies.syntax);
      options.password = args.copy(++i);
    } else if (option === 'auth2') {
      if (more < 2) throw new CommandError(Replies.syntax);
      options.username = args.copy(++i);
      options.password = args.copy(++i);
    } else if (option === 'keys') {
      if (args.byteLength(3) !== 0)
        throw new CommandError(
          'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string',
        );
      options.firstKey = i + 1;
      return options;
    } else throw new CommandError(Replies.syntax);
  }
  return options;
}

/**
 * C's atoi, as Redis reads the port: leading white space, a sign, the
 * digits up to the first other character; 0 when there are none.
 */
function atoi(text: string): number {
  const match = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(text);
  if (match === null) return 0;
  // Beyond an int, C's behaviour is undefined: any port out of range will do.
  return Math.max(Math.min(Number(match[1]), 2 ** 31 - 1), -(2 ** 31));
}

// MIGRATE's IOERR reply, for a failure at `stage` ("reading to", sic:
// Redis's format says "%s to target instance" for both).
function ioError(stage: 'writing' | 'reading'): (reply: ReplyEncoder) => void {
  return (reply) => reply.error(`IOERR error or timeout ${stage} to target instance`);
}

// Talks to the target and applies the outcome to `keyspace`; resolves the
// writer of MIGRATE's reply. Never rejects.
async function transfer(
  plan: Plan,
  keyspace: Keyspace,
  persistence: Persistence,
): Promise<(reply: ReplyEncoder) => void> {
  const { sockets, name, timeout, moving, options } = plan;
  let mayRetry = true;
  for (;;) {
    const target = await sockets.get(name, plan.host, plan.port, timeout);
    if (target === 'unreachable')
      return (reply) => reply.error('IOERR error or timeout connecting to the client');
    // SELECT unless the connection has this database selected, by Redis's
    // test: after a target's error lastDb is -1, so a MIGRATE to database
    // -1 then sends none (and the target restores into its current one).
    const select = target === 'refused' || typeof plan.db === 'bigint' || target.lastDb !== plan.db;
    let exchange: Exchange = { replies: [], failed: 'writing', timedOut: false };
    if (target !== 'refused') {
      const request = encodeRequest(plan, select);
      exchange = await target.exchange(request.bytes, request.replies, timeout);
    }
    const { replies, failed, timedOut } = exchange;
    const head = (options.password === null ? 0 : 1) + (select ? 1 : 0);
    // Failed before the first RESTORE's reply: nothing moved. The cached
    // connection may just have gone stale, so Redis tries once more on a
    // new one, unless the target fell silent.
    if (failed !== null && replies.length <= head) {
      sockets.drop(name);
      if (!timedOut && mayRetry) {
        mayRetry = false;
        continue;
      }
      return ioError(failed);
    }
    // The error reported is AUTH's, then SELECT's, then the first
    // RESTORE's. Every key whose RESTORE succeeded after a good AUTH and
    // SELECT is deleted here, even after another key's error, as in Redis.
    const headError = replies.slice(0, head).find((reply) => reply instanceof ReplyError);
    let targetError = headError?.message;
    for (let j = 0; head + j < replies.length; j++) {
      const restored = replies[head + j];
      if (headError === undefined && !(restored instanceof ReplyError)) {
        if (!options.copy) removeMoved(keyspace, persistence, moving[j]!.key);
      } else if (restored instanceof ReplyError) targetError ??= restored.message;
    }
    if (failed !== null) sockets.drop(name);
    if (targetError !== undefined) {
      // The target's state is unknown now: SELECT again next time.
      if (target !== 'refused') target.lastDb = -1;
      const message = `ERR Target instance replied with error: ${targetError}`;
      return (reply) => reply.error(message);
    }
    if (failed !== null) return ioError('reading');
    if (target !== 'refused') target.lastDb = Number(plan.db);
    return (reply) => reply.ok();
  }
}

// The request for the target: AUTH, SELECT when `select`, a RESTORE per
// key; and how many replies it gets.
function encodeRequest(plan: Plan, select: boolean): { bytes: Buffer; replies: number } {
  const { options, moving } = plan;
  const encoder = new CommandEncoder({ slabSize: 16 * 1024 });
  let replies = 0;
  if (options.password !== null) {
    encoder.write(
      options.username === null
        ? ['AUTH', options.password]
        : ['AUTH', options.username, options.password],
    );
    replies++;
  }
  if (select) {
    encoder.write(['SELECT', plan.db]);
    replies++;
  }
  for (const { name, ttl, payload } of moving) {
    encoder.write(
      options.replace
        ? ['RESTORE', name, ttl, payload, 'REPLACE']
        : ['RESTORE', name, ttl, payload],
    );
    replies++;
  }
  return { bytes: encoder.flush(), replies };
}

// Deletes a key the target restored, as DEL would: watchers and tracking
// are told, a `del` event is notified, and it counts as a change.
function removeMoved(keyspace: Keyspace, persistence: Persistence, key: string): void {
  if (!keyspace.delete(key)) return;
  keyspace.notify(NOTIFY_GENERIC, 'del', key);
  persistence.changes++;
}
