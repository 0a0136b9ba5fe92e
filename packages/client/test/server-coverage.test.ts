// Every command @mini-redis/server has must have a typed method here, or a
// stated reason not to: the server's own COMMAND LIST is the list.
import { createServer } from '@mini-redis/server';
import { describe, expect, it } from 'vitest';
import { createClient, RedisClient } from '../src/index.js';

// Commands reached another way than a method of the same name.
const ELSEWHERE: Record<string, string> = {
  auth: 'the password and username options',
  hello: 'the handshake',
  quit: 'close()',
  reset: 'refused: it would reset the shared connection',
  command: 'its subcommands, through command()',
  subscribe: 'createSubscriber() and connect().subscribe()',
  unsubscribe: 'createSubscriber() and connect().subscribe()',
  psubscribe: 'createSubscriber() and connect().subscribe()',
  punsubscribe: 'createSubscriber() and connect().subscribe()',
  ssubscribe: 'createSubscriber()',
  sunsubscribe: 'createSubscriber()',
  monitor: 'createMonitor() and connect().monitor()',
  multi: 'multi()...exec()',
  exec: 'multi()...exec()',
  discard: 'multi()...exec(), which never leaves a transaction open',
  pfdebug: "Redis's debugging of a sketch's encoding, through command()",
  pfselftest: "Redis's self-test of its own HyperLogLog code, through command()",
  debug:
    'a testing tool, off unless the server enables it (enable-debug-command), through command()',
  shutdown:
    'stops the server, through command(): no reply comes, so it rejects with ERR_CONNECTION_LOST',
  cluster: 'the cluster protocol, which this client does not speak (a standalone server only)',
  readonly: 'the cluster protocol (reads from a cluster replica), which this client does not speak',
  readwrite:
    'the cluster protocol (reads from a cluster replica), which this client does not speak',
  asking: 'the cluster protocol (slot migration), which this client does not speak',
  'restore-asking': 'the cluster protocol (slot migration), which this client does not speak',
  georadius: 'deprecated since Redis 6.2: geosearch() and geosearchstore() do the same',
  georadius_ro: 'deprecated since Redis 6.2: geosearch() does the same',
  georadiusbymember: 'deprecated since Redis 6.2: geosearch() and geosearchstore() do the same',
  georadiusbymember_ro: 'deprecated since Redis 6.2: geosearch() does the same',
};

// Subcommands with no method of their own, and why.
const SUBCOMMANDS_ELSEWHERE: Record<string, string> = {
  'client|setinfo': "the library's name and version, through command()",
  'client|tracking': 'the cache option (client-side caching), or command() on a lease',
  'client|caching': "OPTIN and OPTOUT's word for the next read; the cache option tracks every read",
  'client|reply': 'refused: replies are matched to callers one to one',
  'client|help': 'text for people, through command()',
  'pubsub|help': 'text for people, through command()',
  'config|help': 'text for people, through command()',
  'object|help': 'text for people, through command()',
  'xgroup|help': 'text for people, through command()',
  'xinfo|help': 'text for people, through command()',
  'script|help': 'text for people, through command()',
  'function|help': 'text for people, through command()',
  'module|help': 'text for people, through command()',
  'slowlog|help': 'text for people, through command()',
  'latency|help': 'text for people, through command()',
  'acl|help': 'text for people, through command()',
  'memory|help': 'text for people, through command()',
  'script|debug':
    "Redis's interactive Lua debugger (redis-cli --ldb), which needs a connection of its own",
};

// Containers whose subcommands have the methods (`client|id` -> clientId).
const CONTAINERS = new Set([
  'acl',
  'client',
  'config',
  'function',
  'latency',
  'memory',
  'module',
  'object',
  'pubsub',
  'script',
  'slowlog',
  'xgroup',
  'xinfo',
]);

// Names whose words the rule below cannot see.
const METHOD_NAMES: Record<string, string> = {
  'pubsub|shardchannels': 'pubsubShardChannels',
  'pubsub|shardnumsub': 'pubsubShardNumsub',
};

// bitfield_ro -> bitfieldRo, client|getname -> clientGetname, client|no-evict -> clientNoEvict
const methodName = (command: string) =>
  METHOD_NAMES[command] ??
  command.replace(/[_|-]([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('typed methods cover @mini-redis/server', () => {
  it('has a method for every command the server lists, or a reason', async () => {
    const server = createServer({ port: 0 });
    const { port } = await server.listen();
    try {
      await using client = createClient(`127.0.0.1:${port}`);
      const names = (await client.command(['COMMAND', 'LIST'])) as string[];
      expect(names.length).toBeGreaterThan(70);
      // Subcommands (`config|get`) are listed too, and go with their
      // container, unless it is one whose subcommands have methods.
      const missing = names
        .filter((name) => !(name.split('|')[0]! in ELSEWHERE))
        .filter((name) => !CONTAINERS.has(name) && !(name in SUBCOMMANDS_ELSEWHERE))
        .filter(
          (name) => typeof Reflect.get(RedisClient.prototype, methodName(name)) !== 'function',
        );
      expect(missing).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
