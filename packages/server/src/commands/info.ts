/**
 * INFO: the server's state as `field:value` lines in `# Section` blocks,
 * Redis 7.0's sections in its order: server, clients, memory, persistence,
 * stats, replication, cpu, modules, commandstats, errorstats,
 * latencystats, cluster, keyspace (the statistics: stats.ts). Fields of
 * machinery this server does not have (replication, forks,
 * defragmentation, I/O threads) are there, at zero, for tools that read
 * them. ioredis's ready check reads `loading:0`.
 *
 * ```text
 * INFO [section ...]
 * ```
 *
 * @module
 */

import { totalmem } from 'node:os';
import process from 'node:process';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { textOf } from '../internal/byte-strings.js';
import { wallClockMicros } from '../internal/wall-clock.js';
import { bytesToHuman, serverMemoryOverhead } from '../memory-stats.js';
import type { ServerInfo } from '../server-info.js';
import { formatPercentile, parsedPercentiles } from '../stats.js';
import { settingText } from './config.js';

type Section = (context: CommandContext) => [string, string | number][];

const SECTIONS: Record<string, Section> = {
  // Redis 7.0's fields, but for those about its C build (redis_build_id,
  // atomicvar_api, gcc_version) and hz, which this server does not have:
  // its expiry and timeouts run on deadlines, not on a fixed tick.
  server: ({ server }) => {
    const now = Date.now();
    return [
      ['redis_version', server.version],
      // Not built from a git checkout of Redis: what Redis reports then.
      ['redis_git_sha1', '00000000'],
      ['redis_git_dirty', 0],
      ['redis_mode', 'standalone'],
      ['os', `${process.platform} ${process.arch}`],
      ['arch_bits', 64],
      // Node reads its monotonic clock with clock_gettime, and libuv waits with:
      ['monotonic_clock', 'POSIX clock_gettime'],
      ['multiplexing_api', MULTIPLEXING_API[process.platform] ?? 'libuv'],
      ['process_id', process.pid],
      ['process_supervised', 'no'],
      ['run_id', server.runId],
      ['tcp_port', server.config.port],
      ['server_time_usec', wallClockMicros()],
      ['uptime_in_seconds', Math.floor((now - server.startedAt) / 1000)],
      ['uptime_in_days', Math.floor((now - server.startedAt) / 86_400_000)],
      // Redis's LRU clock: seconds, in 24 bits.
      ['lru_clock', Math.floor(now / 1000) & 0xffffff],
      ['executable', 'mini-redis-server'],
      ['config_file', textOf(server.configFile)],
      ['io_threads_active', 0],
      ['implementation', 'mini-redis-ts'],
    ];
  },
  // watching_clients and total_watched_keys are Redis 7.4's.
  clients: ({ server, db }) => [
    ['connected_clients', server.sessions.size],
    ['cluster_connections', 0],
    ['maxclients', server.config.maxclients],
    // The clients cron's samples of the last 8 seconds (client-memory.ts).
    ['client_recent_max_input_buffer', server.recentPeaks.maxInput(Date.now())],
    ['client_recent_max_output_buffer', server.recentPeaks.maxOutput(Date.now())],
    ['blocked_clients', blockedClients(server)],
    ['tracking_clients', db.tracking.clients],
    // Blocked with a timeout (0 waits for ever, outside Redis's table).
    [
      'clients_in_timeout_table',
      [...server.sessions.values()].filter(
        (session) => session.block !== null && Number.isFinite(session.block.ms),
      ).length,
    ],
    ['pubsub_clients', [...server.sessions.values()].filter((s) => s.subscribed).length],
    ['watching_clients', [...server.sessions.values()].filter((s) => s.watched.size > 0).length],
    [
      'total_watched_keys',
      db.databases.reduce((sum, keyspace) => sum + keyspace.watchedKeyCount, 0),
    ],
  ],
  // Redis 7.0's fields in its order (memory-stats.ts says what stands
  // for what), but for the Lua VM's own memory (used_memory_lua,
  // used_memory_vm_*), which this server's interpreter does not measure.
  memory: ({ server, db }) => {
    const overhead = serverMemoryOverhead(server, db);
    const used = overhead.totalAllocated;
    const limit = settingText('maxmemory', server.config);
    const rss = overhead.allocatorResident;
    const scripts = overhead.luaCaches + overhead.functionsCaches;
    const total = totalmem();
    const percent = (value: number) => `${value.toFixed(2)}%`;
    return [
      ['used_memory', used],
      ['used_memory_human', bytesToHuman(used)],
      ['used_memory_rss', rss],
      ['used_memory_rss_human', bytesToHuman(rss)],
      ['used_memory_peak', overhead.peakAllocated],
      ['used_memory_peak_human', bytesToHuman(overhead.peakAllocated)],
      ['used_memory_peak_perc', percent(overhead.peakPercentage)],
      ['used_memory_overhead', overhead.overheadTotal],
      ['used_memory_startup', overhead.startupAllocated],
      ['used_memory_dataset', overhead.dataset],
      ['used_memory_dataset_perc', percent(overhead.datasetPercentage)],
      ['allocator_allocated', overhead.allocatorAllocated],
      ['allocator_active', overhead.allocatorActive],
      ['allocator_resident', overhead.allocatorResident],
      ['total_system_memory', total],
      ['total_system_memory_human', bytesToHuman(total)],
      // The cached scripts and their source's bytes (Redis adds its
      // dictionary's overhead to the latter).
      ['used_memory_scripts_eval', overhead.luaCaches],
      ['number_of_cached_scripts', db.scripts.size],
      // The functions FCALL can call, and the libraries' code and names in bytes.
      ['number_of_functions', db.functions.functionCount],
      ['number_of_libraries', db.functions.libraryCount],
      ['used_memory_functions', overhead.functionsCaches],
      ['used_memory_scripts', scripts],
      ['used_memory_scripts_human', bytesToHuman(scripts)],
      // Printed as a signed 64-bit number (2^64 - 1 is -1) and, past 2^60,
      // in bytes in full, as Redis prints it.
      ['maxmemory', BigInt.asIntN(64, BigInt(limit)).toString()],
      ['maxmemory_human', BigInt(limit) >= 2n ** 60n ? `${limit}B` : bytesToHuman(Number(limit))],
      ['maxmemory_policy', server.config['maxmemory-policy']],
      ['allocator_frag_ratio', overhead.allocatorFragmentation.toFixed(2)],
      ['allocator_frag_bytes', overhead.allocatorFragmentationBytes],
      ['allocator_rss_ratio', overhead.allocatorRss.toFixed(2)],
      ['allocator_rss_bytes', overhead.allocatorRssBytes],
      ['rss_overhead_ratio', overhead.rssOverhead.toFixed(2)],
      ['rss_overhead_bytes', overhead.rssOverheadBytes],
      ['mem_fragmentation_ratio', overhead.fragmentation.toFixed(2)],
      ['mem_fragmentation_bytes', overhead.fragmentationBytes],
      // What maxmemory does not count (key-eviction.ts counts the data as
      // Redis would hold it): the rest of used_memory, while a limit is set.
      [
        'mem_not_counted_for_evict',
        server.config.maxmemory === 0 ? 0 : Math.max(0, used - db.eviction.countedMemory()),
      ],
      ['mem_replication_backlog', 0],
      ['mem_total_replication_buffers', 0],
      ['mem_clients_slaves', 0],
      ['mem_clients_normal', overhead.clientsNormal],
      ['mem_cluster_links', 0],
      ['mem_aof_buffer', 0],
      // What holds the data here: V8's heap, and memory outside it.
      ['mem_allocator', 'v8'],
      ['active_defrag_running', 0],
      // Frees happen at once, on the one thread: nothing is pending.
      ['lazyfree_pending_objects', 0],
      ['lazyfreed_objects', 0],
    ];
  },
  // Redis 7.0's fields. Without fork, copy-on-write or an append-only
  // file, their fields are what Redis reports when none of those run.
  persistence: ({ db }) => {
    const persistence = db.persistence;
    return [
      ['loading', 0],
      ['async_loading', 0],
      ['current_cow_peak', 0],
      ['current_cow_size', 0],
      ['current_cow_size_age', 0],
      ['current_fork_perc', '0.00'],
      ['current_save_keys_processed', 0],
      ['current_save_keys_total', 0],
      ['rdb_changes_since_last_save', persistence.changes],
      ['rdb_bgsave_in_progress', persistence.saving ? 1 : 0],
      ['rdb_last_save_time', Math.floor(persistence.lastSave / 1000)],
      ['rdb_last_bgsave_status', persistence.lastBackgroundOk ? 'ok' : 'err'],
      ['rdb_last_bgsave_time_sec', persistence.lastBackgroundSeconds],
      ['rdb_current_bgsave_time_sec', persistence.currentBackgroundSeconds(Date.now())],
      ['rdb_saves', persistence.saves],
      ['rdb_last_cow_size', 0],
      ['rdb_last_load_keys_expired', persistence.lastLoad.expired],
      ['rdb_last_load_keys_loaded', persistence.lastLoad.loaded],
      ['aof_enabled', 0],
      ['aof_rewrite_in_progress', 0],
      ['aof_rewrite_scheduled', 0],
      ['aof_last_rewrite_time_sec', -1],
      ['aof_current_rewrite_time_sec', -1],
      ['aof_last_bgrewrite_status', 'ok'],
      ['aof_rewrites', 0],
      ['aof_rewrites_consecutive_failures', 0],
      ['aof_last_write_status', 'ok'],
      ['aof_last_cow_size', 0],
      ['module_fork_in_progress', 0],
      ['module_fork_last_cow_size', 0],
    ];
  },
  stats: ({ server, db }) => {
    const stats = server.stats;
    const rates = stats.instantaneous;
    const exceeded = db.eviction.exceededTimes();
    return [
      ['total_connections_received', server.totalConnections],
      ['total_commands_processed', server.totalCommands],
      ['instantaneous_ops_per_sec', rates.ops],
      ['total_net_input_bytes', stats.netInputBytes],
      ['total_net_output_bytes', stats.netOutputBytes],
      ['total_net_repl_input_bytes', 0],
      ['total_net_repl_output_bytes', 0],
      ['instantaneous_input_kbps', rates.inputKbps.toFixed(2)],
      ['instantaneous_output_kbps', rates.outputKbps.toFixed(2)],
      ['instantaneous_input_repl_kbps', '0.00'],
      ['instantaneous_output_repl_kbps', '0.00'],
      ['rejected_connections', server.rejectedConnections],
      ['sync_full', 0],
      ['sync_partial_ok', 0],
      ['sync_partial_err', 0],
      ['expired_keys', stats.keyspace.expired],
      ['expired_stale_perc', '0.00'],
      ['expired_time_cap_reached_count', 0],
      ['expire_cycle_cpu_milliseconds', 0],
      ['evicted_keys', server.stats.evictedKeys],
      ['evicted_clients', server.stats.evictedClients],
      ['total_eviction_exceeded_time', exceeded.total],
      ['current_eviction_exceeded_time', exceeded.current],
      ['keyspace_hits', stats.keyspace.hits],
      ['keyspace_misses', stats.keyspace.misses],
      ['pubsub_channels', db.pubsub.channels().length],
      ['pubsub_patterns', db.pubsub.patternCount()],
      ['pubsubshard_channels', db.pubsub.shardChannels().length],
      ['latest_fork_usec', 0],
      ['total_forks', 0],
      ['migrate_cached_sockets', server.migrateSockets.size],
      ['slave_expires_tracked_keys', 0],
      ['active_defrag_hits', 0],
      ['active_defrag_misses', 0],
      ['active_defrag_key_hits', 0],
      ['active_defrag_key_misses', 0],
      ['total_active_defrag_time', 0],
      ['current_active_defrag_time', 0],
      ['tracking_total_keys', db.tracking.keyCount],
      ['tracking_total_items', db.tracking.itemCount],
      ['tracking_total_prefixes', db.tracking.prefixCount],
      ['unexpected_error_replies', 0],
      ['total_error_replies', stats.errorReplies],
      ['dump_payload_sanitizations', 0],
      ['total_reads_processed', stats.readsProcessed],
      ['total_writes_processed', stats.writesProcessed],
      ['io_threaded_reads_processed', 0],
      ['io_threaded_writes_processed', 0],
      ['reply_buffer_shrinks', 0],
      ['reply_buffer_expands', 0],
    ];
  },
  // A master without replicas, as Redis 7.0 reports one: its replication
  // ID is made at start, and no backlog was ever needed.
  replication: ({ server }) => [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', server.replicationId],
    ['master_replid2', '0'.repeat(40)],
    ['master_repl_offset', 0],
    ['second_repl_offset', -1],
    ['repl_backlog_active', 0],
    ['repl_backlog_size', 1048576],
    ['repl_backlog_first_byte_offset', 0],
    ['repl_backlog_histlen', 0],
  ],
  // The process's CPU time in seconds; one thread runs the commands, so
  // the main thread's is the process's. No child processes.
  cpu: () => {
    const { user, system } = process.cpuUsage();
    const seconds = (micros: number) => (micros / 1_000_000).toFixed(6);
    return [
      ['used_cpu_sys', seconds(system)],
      ['used_cpu_user', seconds(user)],
      ['used_cpu_sys_children', '0.000000'],
      ['used_cpu_user_children', '0.000000'],
      ['used_cpu_sys_main_thread', seconds(system)],
      ['used_cpu_user_main_thread', seconds(user)],
    ];
  },
  // No modules are loaded: the section has no fields.
  modules: () => [],
  // Every command called, failed or refused since the last CONFIG RESETSTAT.
  commandstats: ({ server }) => {
    const lines: [string, string][] = [];
    for (const command of server.stats.all()) {
      if (command.calls === 0 && command.failed === 0 && command.rejected === 0) continue;
      const perCall = command.calls === 0 ? 0 : command.usec / command.calls;
      lines.push([
        `cmdstat_${command.name}`,
        `calls=${command.calls},usec=${command.usec},usec_per_call=${perCall.toFixed(2)},rejected_calls=${command.rejected},failed_calls=${command.failed}`,
      ]);
    }
    return lines;
  },
  errorstats: ({ server }) =>
    [...server.stats.errorKinds()].map(([kind, count]) => [`errorstat_${kind}`, `count=${count}`]),
  // Each command's latency percentiles in microseconds (three decimals,
  // the histogram's nanoseconds / 1000).
  latencystats: ({ server }) => {
    const percentiles = parsedPercentiles(server.config['latency-tracking-info-percentiles']);
    const lines: [string, string][] = [];
    for (const command of server.stats.all()) {
      const histogram = command.histogram;
      if (histogram === null) continue;
      const values = percentiles.map(
        (p) => `p${formatPercentile(p)}=${(histogram.valueAtPercentile(p) / 1000).toFixed(3)}`,
      );
      lines.push([`latency_percentiles_usec_${command.name}`, values.join(',')]);
    }
    return lines;
  },
  cluster: () => [['cluster_enabled', 0]],
  keyspace: ({ db, now }) => {
    const lines: [string, string][] = [];
    db.databases.forEach((keyspace, index) => {
      if (db.activeExpire) keyspace.purgeExpired(now);
      if (keyspace.size > 0)
        lines.push([
          `db${index}`,
          `keys=${keyspace.size},expires=${keyspace.expiringCount},avg_ttl=0`,
        ]);
    });
    return lines;
  },
};

// Redis 7.0's order; `INFO` alone (and `default`) leaves out
// commandstats and latencystats, which `all` and `everything` add.
const ALL_SECTIONS = Object.keys(SECTIONS);
const DEFAULT_SECTIONS = new Set(
  ALL_SECTIONS.filter((name) => name !== 'commandstats' && name !== 'latencystats'),
);

export const info: Command = {
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    let asked: Set<string> = DEFAULT_SECTIONS;
    let all = false;
    if (args.length > 1) {
      asked = new Set();
      for (let i = 1; i < args.length; i++) {
        const name = args.latin1(i).toLowerCase();
        if (name === 'default') for (const section of DEFAULT_SECTIONS) asked.add(section);
        else if (name === 'all' || name === 'everything') all = true;
        // Redis names the modules section module_list too.
        else asked.add(name === 'module_list' ? 'modules' : name);
      }
    }
    const blocks: string[] = [];
    for (const name of ALL_SECTIONS) {
      if (!all && !asked.has(name)) continue;
      const fields = SECTIONS[name]!(context);
      blocks.push([TITLES[name], ...fields.map(([key, value]) => `${key}:${value}`)].join('\r\n'));
    }
    const text = blocks.length === 0 ? '' : `${blocks.join('\r\n\r\n')}\r\n`;
    context.reply.verbatim('txt', text);
  },
};

// Each section's heading, as Redis writes it.
const TITLES: Record<string, string> = {
  server: '# Server',
  clients: '# Clients',
  memory: '# Memory',
  persistence: '# Persistence',
  stats: '# Stats',
  replication: '# Replication',
  cpu: '# CPU',
  modules: '# Modules',
  commandstats: '# Commandstats',
  errorstats: '# Errorstats',
  latencystats: '# Latencystats',
  cluster: '# Cluster',
  keyspace: '# Keyspace',
};

// Connections blocked by WAIT or holding a command CLIENT PAUSE holds
// (never both at once: a held command is held before it runs).
// What libuv waits on, by platform, as INFO's multiplexing_api names it.
const MULTIPLEXING_API: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'epoll',
  android: 'epoll',
  darwin: 'kqueue',
  freebsd: 'kqueue',
  openbsd: 'kqueue',
  sunos: 'evport',
  win32: 'iocp',
};

function blockedClients(server: ServerInfo): number {
  let blocked = server.pause.heldCount;
  for (const session of server.sessions.values()) if (session.block !== null) blocked++;
  return blocked;
}
