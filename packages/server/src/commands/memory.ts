/**
 * MEMORY: memory introspection. USAGE answers what Redis 7.0 would spend
 * on a key and its value (memory-usage.ts: exact for strings and compact
 * encodings, estimated for hash tables as Redis's own answer is); STATS
 * and DOCTOR report this process's memory in Redis's layout
 * (memory-stats.ts). MALLOC-STATS answers as a Redis built without
 * jemalloc does, and PURGE has no allocator pages to purge: OK.
 *
 * ```text
 * MEMORY USAGE key [SAMPLES count] | MEMORY STATS | MEMORY DOCTOR
 * MEMORY MALLOC-STATS | MEMORY PURGE | MEMORY HELP
 * ```
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, quoted } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';
import { replyScore } from '../internal/scores.js';
import { doctorReport, type MemoryOverhead, serverMemoryOverhead } from '../memory-stats.js';
import { DEFAULT_SAMPLES, memoryUsage } from '../memory-usage.js';

// Redis 7.0's lines.
const HELP = [
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
];

export const memory: Command = {
  name: 'memory',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['doctor', 2],
    ['malloc-stats', 2],
    ['purge', 2],
    ['stats', 2],
    ['usage', -3],
    ['help', 2],
  ]),
  execute(context, args) {
    const { reply } = context;
    switch (args.latin1(1).toLowerCase()) {
      case 'help':
        replyHelp(reply, 'MEMORY', HELP);
        return;
      case 'usage':
        usage(context, args);
        return;
      case 'stats':
        replyStats(reply, serverMemoryOverhead(context.server, context.db));
        return;
      case 'doctor': {
        const { server, db } = context;
        reply.verbatim(
          'txt',
          doctorReport(
            serverMemoryOverhead(context.server, context.db),
            server.sessions.size,
            db.scripts.size,
          ),
        );
        return;
      }
      case 'malloc-stats':
        reply.bulk('Stats not supported for the current allocator');
        return;
      case 'purge':
        reply.ok();
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'memory'));
    }
  },
};

// MEMORY USAGE: the options first (any error before the lookup), then the
// key as stored, expired or not, with no hit or miss counted (Redis's
// dictFind).
function usage({ reply, keyspace, server }: CommandContext, args: RequestArgs): void {
  let samples = DEFAULT_SAMPLES;
  for (let i = 3; i < args.length; i++) {
    if (args.latin1(i).toLowerCase() !== 'samples' || i + 1 >= args.length)
      throw new CommandError(Replies.syntax);
    const count = integerArg(args, ++i);
    if (count < 0) throw new CommandError(Replies.syntax);
    // 0 samples everything; a count past any collection's size does too.
    samples = count === 0 || count > Number.MAX_SAFE_INTEGER ? 0 : Number(count);
  }
  const key = args.latin1(2);
  const entry = keyspace.peek(key);
  if (entry === undefined) {
    reply.null();
    return;
  }
  const limits = {
    entries: server.config['stream-node-max-entries'],
    bytes: server.config['stream-node-max-bytes'],
  };
  reply.integer(memoryUsage(key, entry, samples, limits));
}

// Redis's MEMORY STATS map, in its order: 27 fields and one per database
// holding keys.
function replyStats(reply: ReplyEncoder, overhead: MemoryOverhead): void {
  reply.mapHeader(27 + overhead.databases.length);
  const field = (name: string, value: number): void => {
    reply.bulk(name);
    reply.integer(value);
  };
  // A double as Redis 7.0 prints one (%.17g).
  const ratio = (name: string, value: number): void => {
    reply.bulk(name);
    replyScore(reply, value);
  };
  field('peak.allocated', overhead.peakAllocated);
  field('total.allocated', overhead.totalAllocated);
  field('startup.allocated', overhead.startupAllocated);
  field('replication.backlog', 0);
  field('clients.slaves', 0);
  field('clients.normal', overhead.clientsNormal);
  field('cluster.links', 0);
  field('aof.buffer', 0);
  field('lua.caches', overhead.luaCaches);
  field('functions.caches', overhead.functionsCaches);
  for (const database of overhead.databases) {
    reply.bulk(`db.${database.id}`);
    reply.mapHeader(3);
    field('overhead.hashtable.main', database.main);
    field('overhead.hashtable.expires', database.expires);
    field('overhead.hashtable.slot-to-keys', 0);
  }
  field('overhead.total', overhead.overheadTotal);
  field('keys.count', overhead.totalKeys);
  field('keys.bytes-per-key', overhead.bytesPerKey);
  field('dataset.bytes', overhead.dataset);
  ratio('dataset.percentage', overhead.datasetPercentage);
  ratio('peak.percentage', overhead.peakPercentage);
  field('allocator.allocated', overhead.allocatorAllocated);
  field('allocator.active', overhead.allocatorActive);
  field('allocator.resident', overhead.allocatorResident);
  ratio('allocator-fragmentation.ratio', overhead.allocatorFragmentation);
  field('allocator-fragmentation.bytes', overhead.allocatorFragmentationBytes);
  ratio('allocator-rss.ratio', overhead.allocatorRss);
  field('allocator-rss.bytes', overhead.allocatorRssBytes);
  ratio('rss-overhead.ratio', overhead.rssOverhead);
  field('rss-overhead.bytes', overhead.rssOverheadBytes);
  ratio('fragmentation', overhead.fragmentation);
  field('fragmentation.bytes', overhead.fragmentationBytes);
}
