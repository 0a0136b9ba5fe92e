/**
 * The server's memory figures, for INFO's memory section and MEMORY STATS
 * and DOCTOR: this process's memory, read from Node, laid out as Redis's
 * getMemoryOverheadData lays its own out.
 *
 * What stands for what: Redis counts the bytes its allocator handed out
 * (zmalloc_used); here that is the JavaScript heap in use plus memory
 * outside it (Buffers), which is what INFO's `used_memory` reports. The
 * allocator's "active" bytes are the heap V8 holds plus the same external
 * memory, and its "resident" bytes the process's RSS. The startup figure
 * is taken when the server is made, the peak every 100 ms (with INFO's
 * other samples) and whenever a figure is read.
 *
 * The keyspace overheads (`db.N`) are Redis's formulas over the key
 * counts: what a Redis with these keys would spend on its tables. The
 * per-key sizes are MEMORY USAGE's (memory-usage.ts).
 *
 * @module
 */

import process from 'node:process';
import { clientMemory } from './client-memory.js';
import type { Db } from './db.js';
import type { ServerInfo } from './server-info.js';

/** Used memory as INFO's `used_memory` counts it: the heap in use and memory outside it. */
export function usedMemory(): number {
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.external;
}

/** The startup and peak figures (Redis's initial_memory_usage and stat_peak_memory). */
export class MemoryTracker {
  /** Used memory when the server was made. */
  readonly startup = usedMemory();
  #peak = this.startup;

  /** The most used memory seen so far. */
  get peak(): number {
    return this.#peak;
  }

  /** Reads used memory now, raising the peak when it is higher. */
  used(): number {
    const used = usedMemory();
    if (used > this.#peak) this.#peak = used;
    return used;
  }
}

/** One database's table overheads, for MEMORY STATS's `db.N`. */
export interface DatabaseOverhead {
  readonly id: number;
  readonly main: number;
  readonly expires: number;
}

/** What MEMORY STATS and DOCTOR report (Redis's struct redisMemOverhead). */
export interface MemoryOverhead {
  readonly peakAllocated: number;
  readonly totalAllocated: number;
  readonly startupAllocated: number;
  readonly clientsNormal: number;
  readonly luaCaches: number;
  readonly functionsCaches: number;
  readonly databases: readonly DatabaseOverhead[];
  readonly overheadTotal: number;
  readonly totalKeys: number;
  readonly bytesPerKey: number;
  readonly dataset: number;
  readonly datasetPercentage: number;
  readonly peakPercentage: number;
  readonly allocatorAllocated: number;
  readonly allocatorActive: number;
  readonly allocatorResident: number;
  readonly allocatorFragmentation: number;
  readonly allocatorFragmentationBytes: number;
  readonly allocatorRss: number;
  readonly allocatorRssBytes: number;
  readonly rssOverhead: number;
  readonly rssOverheadBytes: number;
  readonly fragmentation: number;
  readonly fragmentationBytes: number;
}

/** What the overheads are computed from: the server's own counts. */
export interface MemoryInputs {
  readonly tracker: MemoryTracker;
  /** Every connection's memory, CLIENT LIST's tot-mem (client-memory.ts), summed. */
  readonly clientsMemory: number;
  readonly scriptsBytes: number;
  readonly functionsBytes: number;
  /** Each database's key count and keys with a deadline. */
  readonly databases: readonly { readonly keys: number; readonly expiring: number }[];
}

// sizeof() of Redis's dictEntry, robj and a bucket pointer.
const DICT_ENTRY = 24;
const ROBJ = 16;
const POINTER = 8;

// dictSlots of a database table holding `count` keys: a power of two, at
// least 4, grown once full (none before the first key).
function tableSlots(count: number): number {
  if (count === 0) return 0;
  let slots = 4;
  while (slots < count) slots *= 2;
  return slots;
}

// Redis computes these ratios in C floats.
function ratio(numerator: number, denominator: number): number {
  return Math.fround(denominator === 0 ? 0 : numerator / denominator);
}

/** getMemoryOverheadData for this process. */
export function memoryOverhead(inputs: MemoryInputs): MemoryOverhead {
  const memory = process.memoryUsage();
  const used = inputs.tracker.used();
  const startup = inputs.tracker.startup;
  let overheadTotal = startup + inputs.clientsMemory + inputs.scriptsBytes + inputs.functionsBytes;
  const databases: DatabaseOverhead[] = [];
  let totalKeys = 0;
  inputs.databases.forEach(({ keys, expiring }, id) => {
    if (keys === 0) return;
    totalKeys += keys;
    const main = keys * DICT_ENTRY + tableSlots(keys) * POINTER + keys * ROBJ;
    const expires = expiring * DICT_ENTRY + tableSlots(expiring) * POINTER;
    overheadTotal += main + expires;
    databases.push({ id, main, expires });
  });
  const netUsage = used > startup ? used - startup : 1;
  const dataset = Math.max(0, used - overheadTotal);
  const active = memory.heapTotal + memory.external;
  return {
    peakAllocated: inputs.tracker.peak,
    totalAllocated: used,
    startupAllocated: startup,
    clientsNormal: inputs.clientsMemory,
    luaCaches: inputs.scriptsBytes,
    functionsCaches: inputs.functionsBytes,
    databases,
    overheadTotal,
    totalKeys,
    bytesPerKey: totalKeys === 0 ? 0 : Math.floor(netUsage / totalKeys),
    dataset,
    datasetPercentage: ratio(dataset * 100, netUsage),
    peakPercentage: ratio(used * 100, inputs.tracker.peak),
    allocatorAllocated: used,
    allocatorActive: active,
    allocatorResident: memory.rss,
    allocatorFragmentation: ratio(active, used),
    allocatorFragmentationBytes: active - used,
    allocatorRss: ratio(memory.rss, active),
    allocatorRssBytes: memory.rss - active,
    // The process's RSS is the "allocator's" here: nothing beyond it.
    rssOverhead: 1,
    rssOverheadBytes: 0,
    fragmentation: ratio(memory.rss, used),
    fragmentationBytes: memory.rss - used,
  };
}

/** getMemoryOverheadData for `server` and its data `db`, as MEMORY STATS and INFO read it. */
export function serverMemoryOverhead(server: ServerInfo, db: Db): MemoryOverhead {
  let clientsMemory = 0;
  for (const session of server.sessions.values()) clientsMemory += clientMemory(session).total;
  return memoryOverhead({
    tracker: server.memory,
    clientsMemory,
    scriptsBytes: db.scripts.sourceBytes,
    functionsBytes: db.functions.codeBytes,
    databases: db.databases.map((keyspace) => ({
      keys: keyspace.size,
      expiring: keyspace.expiringCount,
    })),
  });
}

/**
 * A byte count as Redis's bytesToHuman writes it: `512B`, then `1.50K`,
 * `12.84M`, `23.54G`, `1.00T`, `1.00P` (two decimals, powers of 1024).
 */
export function bytesToHuman(bytes: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (bytes < 1024) return `${bytes}B`;
  let scale = 1024;
  for (const unit of units) {
    if (bytes < scale * 1024) return `${(bytes / scale).toFixed(2)}${unit}`;
    scale *= 1024;
  }
  return `${bytes}B`;
}

const EMPTY_REPORT =
  "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
const HEALTHY_REPORT =
  "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";
const BIG_PEAK =
  ' * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n';
const BIG_CLIENT_BUFFERS =
  ' * Big client buffers: The clients output buffers in this instance are greater than 200K per client (on average). This may result from different causes, like Pub/Sub clients subscribed to channels bot not receiving data fast enough, so that data piles on the Redis instance output buffer, or clients sending commands with large replies or very large sequences of commands in the same pipeline. Please use the CLIENT LIST command in order to investigate the issue if it causes problems in your instance, or to understand better why certain clients are using a big amount of memory.\n\n';
const MANY_SCRIPTS =
  " * Many scripts: There seem to be many cached scripts in this instance (more than 1000). This may be because scripts are generated and `EVAL`ed, instead of being parameterized (with KEYS and ARGV), `SCRIPT LOAD`ed and `EVALSHA`ed. Unless `SCRIPT FLUSH` is called periodically, the scripts' caches may end up consuming most of your memory.\n\n";

// Redis calls an instance under 5 MB empty.
const EMPTY_BYTES = 5 * 1024 * 1024;

/**
 * MEMORY DOCTOR's report, in Redis 7.0's words: empty when the data takes
 * under 5 MB (above what the server took at startup, since a JavaScript
 * process starts far larger than redis-server), else the issues found
 * among a peak 150% of current use, client buffers over 200 KB each on
 * average and more than 1,000 cached scripts. Redis's checks of its
 * allocator's fragmentation and RSS are left out: they measure jemalloc,
 * which this server does not have.
 */
export function doctorReport(
  overhead: MemoryOverhead,
  clients: number,
  cachedScripts: number,
): string {
  if (overhead.totalAllocated - overhead.startupAllocated < EMPTY_BYTES) return EMPTY_REPORT;
  let issues = '';
  if (overhead.peakAllocated / overhead.totalAllocated > 1.5) issues += BIG_PEAK;
  if (clients > 0 && overhead.clientsNormal / clients > 1024 * 200) issues += BIG_CLIENT_BUFFERS;
  if (cachedScripts > 1000) issues += MANY_SCRIPTS;
  if (issues === '') return HEALTHY_REPORT;
  return `Sam, I detected a few issues in this Redis instance memory implants:\n\n${issues}I'm here to keep you safe, Sam. I want to help you.\n`;
}
