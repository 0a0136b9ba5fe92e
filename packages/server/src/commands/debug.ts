/**
 * DEBUG: Redis's tools for tests and development, refused unless the
 * server's `enable-debug-command` lets the client run it (the dispatcher
 * checks, as Redis does before authentication). Of Redis's subcommands,
 * the ones that mean something here:
 *
 * - DIGEST, DIGEST-VALUE key...: SHA-1 signatures of the dataset and of
 *   values, equal to redis-server's for the same data (internal/digest.ts);
 * - OBJECT key: the value's encoding, serialized length, LRU clock and
 *   idle time (and a list's quicklist nodes), as Redis writes them;
 * - PROTOCOL type: a test value of each RESP type, for client tests;
 * - SLEEP seconds: stops the whole server, as Redis's does;
 * - RELOAD [MERGE] [NOFLUSH] [NOSAVE]: saves and loads the dataset back
 *   (persistence.ts);
 * - POPULATE count [prefix] [size], SET-ACTIVE-EXPIRE 0|1, ERROR, LOG, HELP.
 *
 * Redis's others inspect or crash its C internals (SEGFAULT, LISTPACK,
 * MALLCTL...) or drive machinery this server does not have (AOF,
 * replication, cluster): each is refused with an error that says so.
 *
 * ```text
 * DEBUG <subcommand> [arg ...]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, quoted } from '../internal/args.js';
import { datasetDigest, valueDigest } from '../internal/digest.js';
import { replyHelp } from '../internal/help.js';
import { objectEncoding, objectRefcount } from '../internal/object-encoding.js';
import { quicklistLayout } from '../internal/quicklist.js';
import type { Entry } from '../keyspace.js';
import { List } from '../list.js';
import { RdbWriter } from '../rdb/format.js';
import { writeObject } from '../rdb/objects.js';

// Redis 7.0's lines for the subcommands this server has.
const HELP = [
  'DIGEST',
  '    Output a hex signature representing the current DB content.',
  'DIGEST-VALUE <key> [<key> ...]',
  '    Output a hex signature of the values of all the specified keys.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  "    it is used instead of the 'key' prefix. These are not propagated to",
  '    replicas. Cluster slots are not respected so keys not belonging to the',
  '    current node can be created in cluster mode.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'RELOAD [option ...]',
  '    Save the RDB on disk and reload it back to memory. Valid <option> values:',
  '    * MERGE: conflicting keys will be loaded from RDB.',
  '    * NOFLUSH: the existing database will not be removed before load, but',
  '      conflicting keys will generate an exception and kill the server.',
  '    * NOSAVE: the database will be loaded from an existing RDB file.',
  '    Examples:',
  '    * DEBUG RELOAD: verify that the server is able to persist, flush and reload',
  '      the database.',
  '    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an',
  '      existing RDB file.',
  '    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB',
  '      file to the database.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
];

// Redis's subcommands this server refuses, and why.
const UNSUPPORTED: Record<string, string> = {
  segfault: 'crashes the server',
  panic: 'crashes the server',
  assert: 'crashes the server',
  oom: 'crashes the server',
  'crash-and-recover': 'crashes the server',
  restart: 'restarts the process',
  leak: "leaks Redis's memory",
  loadaof: 'needs an append-only file, which this server does not write',
  'aof-flush-sleep': 'needs an append-only file, which this server does not write',
  'change-repl-id': 'needs replication, which this server does not have',
  replicate: 'needs replication, which this server does not have',
  'drop-cluster-packet-filter': 'needs cluster mode, which this server does not have',
  clusterlink: 'needs cluster mode, which this server does not have',
  'config-rewrite-force-all': 'needs a configuration file, which this server does not have',
  htstats: "inspects Redis's C hash tables",
  'htstats-key': "inspects Redis's C hash tables",
  sdslen: "inspects Redis's C strings",
  listpack: "prints Redis's C listpacks",
  quicklist: "prints Redis's C quicklists",
  'quicklist-packed-threshold': "tunes Redis's C quicklists",
  'set-skip-checksum-validation': "tunes Redis's RDB loader",
  mallctl: "tunes Redis's memory allocator",
  'mallctl-str': "tunes Redis's memory allocator",
  'stringmatch-test': "fuzzes Redis's C glob matcher",
  structsize: "reports Redis's C structures",
  'client-eviction': "reports Redis's client eviction pools",
  'pause-cron': "stops Redis's cron",
  replybuffer: "tunes Redis's reply buffers",
};

// The most keys POPULATE creates at once (a JavaScript Map holds at most
// 2^24 entries, and a database is one), and the most bytes of values: a
// typo in a count or a size must not take the server's memory.
const POPULATE_LIMIT = 10_000_000;
const POPULATE_BYTES_LIMIT = 2 ** 30;

const MUST_BE_POSITIVE = 'ERR value is out of range, must be positive';

export const debug: Command = {
  name: 'debug',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    const { reply, db, keyspace, now } = context;
    const sub = args.latin1(1).toLowerCase();
    const count = args.length;
    if (sub === 'help' && count === 2) {
      replyHelp(reply, 'DEBUG', HELP);
    } else if (sub === 'log' && count === 3) {
      reply.ok();
    } else if (sub === 'error' && count === 3) {
      // The text as given, its own code first (no ERR is added).
      reply.error(args.latin1(2).replace(/[\r\n]/g, ' '));
    } else if (sub === 'reload') {
      reload(context, args);
    } else if (sub === 'object' && count === 3) {
      const entry = keyspace.peek(args.latin1(2));
      if (entry === undefined) throw new CommandError('ERR no such key');
      reply.simple(
        objectInfo(
          entry,
          now,
          context.server.config.rdbcompression === 'yes',
          context.keyspace.lfu !== null,
        ),
      );
    } else if (sub === 'populate' && count >= 3 && count <= 5) {
      populate(context, args);
    } else if (sub === 'digest' && count === 2) {
      reply.simple(datasetDigest(db.databases).toString('hex'));
    } else if (sub === 'digest-value') {
      // Logically expired keys included, as Redis's dictFind sees them.
      reply.arrayHeader(count - 2);
      for (let i = 2; i < count; i++)
        reply.simple(valueDigest(keyspace.peek(args.latin1(i))).toString('hex'));
    } else if (sub === 'protocol' && count === 3) {
      protocol(reply, args.latin1(2).toLowerCase());
    } else if (sub === 'sleep' && count === 3) {
      sleep(strtod(args.latin1(2)));
      reply.ok();
    } else if (sub === 'set-active-expire' && count === 3) {
      db.activeExpire = atoi(args.latin1(2)) !== 0;
      reply.ok();
    } else if (Object.hasOwn(UNSUPPORTED, sub)) {
      throw new CommandError(
        `ERR DEBUG ${sub.toUpperCase()} is not supported by this server: it ${UNSUPPORTED[sub]}`,
      );
    } else {
      throw new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'debug'));
    }
  },
};

// DEBUG RELOAD's options, then the save and the load (persistence.ts).
function reload({ reply, db, now }: CommandContext, args: RequestArgs): void {
  const options = { save: true, flush: true, merge: false };
  for (let i = 2; i < args.length; i++) {
    const option = args.latin1(i).toLowerCase();
    if (option === 'merge') options.merge = true;
    else if (option === 'noflush') options.flush = false;
    else if (option === 'nosave') options.save = false;
    else
      throw new CommandError(
        'ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.',
      );
  }
  db.persistence.reload(now, options);
  reply.ok();
}

// A made-up but steady address per value, for DEBUG OBJECT's `Value at`.
const addresses = new WeakMap<object, string>();
let nextAddress = 0x7f0000001000;

function addressOf(entry: Entry): string {
  let address = addresses.get(entry.value);
  if (address === undefined) {
    address = `0x${nextAddress.toString(16)}`;
    nextAddress += 0x40;
    addresses.set(entry.value, address);
  }
  return address;
}

// DEBUG OBJECT's line: the encoding, the RDB length of the value, the LRU
// clock (24 bits of seconds) at its last access, or under an LFU policy
// the minutes (16 bits) and the counter as Redis packs them in the same
// field, and the seconds since;
// a list adds its quicklist's shape (its fill; this server compresses no
// node, whatever list-compress-depth says).
function objectInfo(entry: Entry, now: number, compress: boolean, lfu: boolean): string {
  const writer = new RdbWriter(compress);
  writeObject(writer, entry.value);
  // Without the type byte: rdbSavedObjectLen counts the object alone.
  const serialized = writer.bytes().length - 1;
  const lru = lfu
    ? ((Math.floor(entry.accessedAt / 60_000) & 0xffff) << 8) | entry.frequency
    : Math.floor(entry.accessedAt / 1000) & 0xffffff;
  const idle = Math.floor(now / 1000) - Math.floor(entry.accessedAt / 1000);
  let extra = '';
  if (entry.value instanceof List) {
    const nodes = quicklistLayout(entry.value);
    const size = nodes.reduce((sum, node) => sum + node.bytes, 0);
    const average = nodes.length === 0 ? 0 : entry.value.length / nodes.length;
    extra = ` ql_nodes:${nodes.length} ql_avg_node:${average.toFixed(2)} ql_listpack_max:${entry.value.fill} ql_compressed:0 ql_uncompressed_size:${size}`;
  }
  return `Value at:${addressOf(entry)} refcount:${objectRefcount(entry)} encoding:${objectEncoding(entry)} serializedlength:${serialized} lru:${lru} lru_seconds_idle:${idle}${extra}`;
}

// DEBUG POPULATE: `count` string keys `<prefix>:<n>` (prefix `key`), each
// `value:<n>` or, with `size`, that text cut or padded with zero bytes to
// `size` bytes; keys that exist are left alone.
function populate({ reply, keyspace, now, server }: CommandContext, args: RequestArgs): void {
  // Redis's getPositiveLongFromObjectOrReply: one text for both failures.
  const count = integerArg(args, 2, MUST_BE_POSITIVE);
  if (count < 0) throw new CommandError(MUST_BE_POSITIVE);
  let size = 0;
  if (args.length === 5) {
    const given = integerArg(args, 4, MUST_BE_POSITIVE);
    if (given < 0) throw new CommandError(MUST_BE_POSITIVE);
    if (given > server.config['proto-max-bulk-len'])
      throw new CommandError(
        `ERR DEBUG POPULATE size is limited to proto-max-bulk-len (${server.config['proto-max-bulk-len']}) on this server`,
      );
    size = Number(given);
  }
  if (count > POPULATE_LIMIT)
    throw new CommandError(
      `ERR DEBUG POPULATE creates at most ${POPULATE_LIMIT} keys at once on this server`,
    );
  if (Number(count) * size > POPULATE_BYTES_LIMIT)
    throw new CommandError(
      `ERR DEBUG POPULATE creates at most ${POPULATE_BYTES_LIMIT} bytes of values at once on this server`,
    );
  const prefix = args.length >= 4 ? args.latin1(3) : 'key';
  for (let n = 0; n < count; n++) {
    const key = `${prefix}:${n}`;
    if (keyspace.get(key, now) !== undefined) continue;
    const text = Buffer.from(`value:${n}`);
    let value = text;
    if (size !== 0) {
      value = Buffer.alloc(size);
      text.copy(value, 0, 0, Math.min(size, text.length));
    }
    keyspace.set(key, value, now);
  }
  reply.ok();
}

// DEBUG PROTOCOL's test values, as Redis 7.0 writes them.
function protocol(reply: ReplyEncoder, type: string): void {
  switch (type) {
    case 'string':
      reply.bulk('Hello World');
      return;
    case 'integer':
      reply.integer(12345);
      return;
    case 'double':
      // Redis's test value, 3.141 (not pi), written as its %.17g writes it.
      reply.double(Number.parseFloat('3.141'), '3.141');
      return;
    case 'bignum':
      reply.bigNumber(1234567999999999999999999999999999999n);
      return;
    case 'null':
      reply.null();
      return;
    case 'array':
      reply.arrayHeader(3);
      for (let j = 0; j < 3; j++) reply.integer(j);
      return;
    case 'set':
      reply.setHeader(3);
      for (let j = 0; j < 3; j++) reply.integer(j);
      return;
    case 'map':
      reply.mapHeader(3);
      for (let j = 0; j < 3; j++) {
        reply.integer(j);
        reply.boolean(j === 1);
      }
      return;
    case 'attrib':
      // An attribute is no reply of its own: a real one follows it.
      reply.frame({
        type: 'attribute',
        attributes: [
          [
            { type: 'bulk', value: Buffer.from('key-popularity') },
            {
              type: 'array',
              value: [
                { type: 'bulk', value: Buffer.from('key:123') },
                { type: 'integer', value: 90 },
              ],
            },
          ],
        ],
        value: { type: 'bulk', value: Buffer.from('Some real reply following the attribute') },
      });
      return;
    case 'push':
      if (reply.protocol !== 3)
        throw new CommandError('ERR RESP2 is not supported by this command');
      // A push, then a real reply for a client that drops pushes.
      reply.pushHeader(2);
      reply.bulk('server-cpu-usage');
      reply.integer(42);
      reply.bulk('Some real reply following the push reply');
      return;
    case 'true':
      reply.boolean(true);
      return;
    case 'false':
      reply.boolean(false);
      return;
    case 'verbatim':
      reply.verbatim('txt', 'This is a verbatim\nstring');
      return;
    default:
      throw new CommandError(
        'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false',
      );
  }
}

// C's strtod as DEBUG SLEEP reads its argument: the longest number at the
// start (after spaces), 0 when there is none.
function strtod(text: string): number {
  const match = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
  return match === null ? 0 : Number(match[0]);
}

// C's atoi: the leading integer, 0 when there is none.
function atoi(text: string): number {
  const match = /^\s*[+-]?\d+/.exec(text);
  return match === null ? 0 : Number(match[0]);
}

// Stops the whole process for `seconds`, as Redis's nanosleep stops its
// server: nothing else runs meanwhile (Atomics.wait blocks the thread).
function sleep(seconds: number): void {
  const ms = seconds * 1000;
  if (!(ms > 0)) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
