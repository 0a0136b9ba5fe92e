// The commands of cluster mode and of modules against a real redis-server
// run as a standalone server (cluster-enabled no, enable-module-command
// no, its defaults) with no configuration file: each reply byte for byte,
// arity errors first, in RESP2 and RESP3, directly, inside MULTI and from
// a script.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const COMMANDS: readonly (readonly string[])[] = [
  ['MODULE', 'LIST'],
  ['MODULE', 'LIST', 'x'],
  ['MODULE', 'LOAD', '/nonexistent/module.so'],
  ['MODULE', 'LOAD', '/nonexistent/module.so', 'a', 'b'],
  ['MODULE', 'LOADEX', '/x', 'CONFIG', 'a', '1', 'ARGS', 'b'],
  ['MODULE', 'UNLOAD', 'nosuch'],
  ['MODULE', 'LOAD'],
  ['MODULE', 'UNLOAD'],
  ['MODULE', 'HELP'],
  ['MODULE'],
  ['MODULE', 'BOGUS'],
  ['CLUSTER', 'INFO'],
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'SLOTS'],
  ['CLUSTER', 'SHARDS'],
  ['CLUSTER', 'MYID'],
  ['CLUSTER', 'KEYSLOT', 'foo'],
  ['CLUSTER', 'KEYSLOT'],
  ['CLUSTER', 'INFO', 'x'],
  ['CLUSTER', 'HELP'],
  ['CLUSTER', 'SETSLOT', '1', 'NODE', 'x'],
  ['CLUSTER'],
  ['CLUSTER', 'BOGUS'],
  ['READONLY'],
  ['READWRITE'],
  ['ASKING'],
  ['READONLY', 'x'],
  ['MULTI'],
  ['READONLY'],
  ['CLUSTER', 'INFO'],
  ['MODULE', 'LIST'],
  ['EXEC'],
  ['EVAL', 'return redis.pcall("readonly")', '0'],
  ['EVAL', 'return redis.pcall("cluster", "info")', '0'],
  ['EVAL', 'return redis.pcall("asking")', '0'],
  ['EVAL', 'return redis.pcall("module", "list")', '0'],
  // Slot migration's RESTORE runs as RESTORE outside a cluster (its
  // payload from DUMP, within a script).
  ['DEL', 'dumped', 'restored'],
  ['SET', 'dumped', 'v'],
  [
    'EVAL',
    'return redis.pcall("restore-asking", "restored", 0, redis.call("dump", "dumped"))',
    '0',
  ],
  [
    'EVAL',
    'return redis.pcall("restore-asking", "restored", 0, redis.call("dump", "dumped"))',
    '0',
  ],
  ['GET', 'restored'],
  ['RESTORE-ASKING', 'restored', '0'],
  ['RESTORE-ASKING', 'restored', '0', 'not a payload'],
  // A master without replicas.
  ['FAILOVER'],
  ['FAILOVER', 'ABORT'],
  ['FAILOVER', 'abort', 'TIMEOUT', '5'],
  ['FAILOVER', 'TO', '127.0.0.1', '6380'],
  ['FAILOVER', 'TO', '127.0.0.1', '6380', 'FORCE'],
  ['FAILOVER', 'TO', '127.0.0.1', '6380', 'FORCE', 'TIMEOUT', '100'],
  ['FAILOVER', 'TIMEOUT', '100'],
  ['FAILOVER', 'TIMEOUT', '0'],
  ['FAILOVER', 'TIMEOUT', '-1'],
  ['FAILOVER', 'TIMEOUT', 'x'],
  ['FAILOVER', 'TIMEOUT', '1', 'TIMEOUT', '2'],
  ['FAILOVER', 'TIMEOUT'],
  ['FAILOVER', 'TO', '127.0.0.1'],
  ['FAILOVER', 'TO', 'h', 'x'],
  ['FAILOVER', 'FORCE', 'FORCE'],
  ['FAILOVER', 'BOGUS'],
  ['EVAL', 'return redis.pcall("failover")', '0'],
  ['ROLE'],
  // No configuration file: nothing for REWRITE to write.
  ['CONFIG', 'REWRITE'],
  ['CONFIG', 'REWRITE', 'x'],
  ['CONFIG', 'HELP'],
];

describe.skipIf(!hasRedis())('differential: a standalone server without modules', () => {
  const ports = useDifferentialServers();

  for (const protocol of ['2', '3']) {
    it(`replies to cluster and module commands as Redis does (RESP${protocol})`, async () => {
      const theirs = await RawClient.connect(ports.redis);
      const mine = await RawClient.connect(ports.ours);
      try {
        for (const client of [theirs, mine]) {
          client.send([['HELLO', protocol]]);
          await client.read(1);
        }
        for (const command of COMMANDS) {
          theirs.send([[...command]]);
          mine.send([[...command]]);
          const [expected, actual] = [await theirs.read(1), await mine.read(1)];
          expect(actual, command.join(' ')).toBe(expected);
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }
});
