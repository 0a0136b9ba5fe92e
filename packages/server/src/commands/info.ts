/**
 * INFO: the server's state as `field:value` lines in `# Section` blocks:
 * server, clients, memory, persistence, stats, replication, keyspace.
 * ioredis's ready check reads `loading:0` from it.
 *
 * ```text
 * INFO [section ...]
 * ```
 *
 * @module
 */

import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { wallClockMicros } from '../internal/wall-clock.js';
import type { ServerInfo } from '../server-info.js';

type Section = (context: CommandContext) => [string, string | number][];

const SECTIONS: Record<string, Section> = {
  server: ({ server }) => [
    ['redis_version', server.version],
    ['redis_mode', 'standalone'],
    ['os', `${process.platform} ${process.arch}`],
    ['arch_bits', 64],
    ['process_id', process.pid],
    ['run_id', server.runId],
    ['tcp_port', server.config.port],
    ['server_time_usec', wallClockMicros()],
    ['uptime_in_seconds', Math.floor((Date.now() - server.startedAt) / 1000)],
    ['uptime_in_days', Math.floor((Date.now() - server.startedAt) / 86_400_000)],
    ['executable', 'mini-redis-server'],
    ['implementation', 'mini-redis-ts'],
  ],
  // watching_clients and total_watched_keys are Redis 7.4's.
  clients: ({ server, db }) => [
    ['connected_clients', server.sessions.size],
    ['maxclients', server.config.maxclients],
    ['blocked_clients', blockedClients(server)],
    ['tracking_clients', db.tracking.clients],
    ['pubsub_clients', [...server.sessions.values()].filter((s) => s.subscribed).length],
    ['watching_clients', [...server.sessions.values()].filter((s) => s.watched.size > 0).length],
    [
      'total_watched_keys',
      db.databases.reduce((sum, keyspace) => sum + keyspace.watchedKeyCount, 0),
    ],
  ],
  memory: ({ db }) => {
    const memory = process.memoryUsage();
    return [
      ['used_memory', memory.heapUsed + memory.external],
      ['used_memory_rss', memory.rss],
      // The cached scripts and their source's bytes (Redis adds its
      // dictionary's overhead to the latter).
      ['number_of_cached_scripts', db.scripts.size],
      ['used_memory_scripts_eval', db.scripts.sourceBytes],
      // The functions FCALL can call, and the libraries' code and names in bytes.
      ['number_of_functions', db.functions.functionCount],
      ['used_memory_functions', db.functions.codeBytes],
      ['maxmemory', 0],
      ['maxmemory_policy', 'noeviction'],
    ];
  },
  persistence: ({ db }) => [
    ['loading', 0],
    ['async_loading', 0],
    ['rdb_changes_since_last_save', db.persistence.changes],
    ['rdb_bgsave_in_progress', db.persistence.saving ? 1 : 0],
    ['rdb_last_save_time', Math.floor(db.persistence.lastSave / 1000)],
    ['rdb_last_bgsave_status', db.persistence.lastBackgroundOk ? 'ok' : 'err'],
    ['aof_enabled', 0],
  ],
  stats: ({ server, db }) => [
    ['total_connections_received', server.totalConnections],
    ['total_commands_processed', server.totalCommands],
    ['rejected_connections', server.rejectedConnections],
    ['pubsub_channels', db.pubsub.channels().length],
    ['pubsub_patterns', db.pubsub.patternCount()],
    ['pubsubshard_channels', db.pubsub.shardChannels().length],
    ['tracking_total_keys', db.tracking.keyCount],
    ['tracking_total_items', db.tracking.itemCount],
    ['tracking_total_prefixes', db.tracking.prefixCount],
  ],
  replication: () => [
    ['role', 'master'],
    ['connected_slaves', 0],
  ],
  keyspace: ({ db, now }) => {
    const lines: [string, string][] = [];
    db.databases.forEach((keyspace, index) => {
      keyspace.purgeExpired(now);
      if (keyspace.size > 0)
        lines.push([
          `db${index}`,
          `keys=${keyspace.size},expires=${keyspace.expiringCount},avg_ttl=0`,
        ]);
    });
    return lines;
  },
};

const DEFAULT_SECTIONS = Object.keys(SECTIONS);

export const info: Command = {
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  keys: NO_KEYS,
  execute(context, args) {
    let names = DEFAULT_SECTIONS;
    if (args.length > 1) {
      const asked = new Set<string>();
      for (let i = 1; i < args.length; i++) asked.add(args.latin1(i).toLowerCase());
      names =
        asked.has('all') || asked.has('everything') || asked.has('default')
          ? DEFAULT_SECTIONS
          : DEFAULT_SECTIONS.filter((n) => asked.has(n));
    }
    const blocks: string[] = [];
    for (const name of names) {
      const fields = SECTIONS[name]!(context);
      const title = `# ${name[0]!.toUpperCase()}${name.slice(1)}`;
      blocks.push([title, ...fields.map(([key, value]) => `${key}:${value}`)].join('\r\n'));
    }
    const text = blocks.length === 0 ? '' : `${blocks.join('\r\n\r\n')}\r\n`;
    context.reply.verbatim('txt', text);
  },
};

// Connections blocked by WAIT or holding a command CLIENT PAUSE holds
// (never both at once: a held command is held before it runs).
function blockedClients(server: ServerInfo): number {
  let blocked = server.pause.heldCount;
  for (const session of server.sessions.values()) if (session.block !== null) blocked++;
  return blocked;
}
