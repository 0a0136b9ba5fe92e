// The blocking list and sorted-set pops against a real redis-server, across connections:
// a pop blocked on absent keys and served by another connection's push,
// waiters served in the order they blocked, several keys, BLMOVE feeding
// another blocked pop, a destination of the wrong type when served, the
// timeout, a transaction (never blocks), commands waiting behind a blocked
// one, CLIENT UNBLOCK, RENAME and SWAPDB storing the list, BLMPOP, the
// keyspace notifications of a served pop, the argument errors, and INFO's
// count of blocked clients. Each script runs on both servers; every connection's
// replies, in the order read, must be the same bytes, in RESP2 and RESP3.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A step: send on a connection and read its reply ('A'), send without
// reading ('A>': it blocks), read pending replies ('A<', or ['A<', '2']
// for two), close the connection ('A!'), or wait.
type Step = [connection: string, ...command: string[]] | ['sleep', string];

async function run(port: number, protocol: 2 | 3, steps: Step[]): Promise<string[]> {
  const clients = new Map<string, RawClient>();
  const client = async (name: string) => {
    let found = clients.get(name);
    if (found === undefined) {
      found = await RawClient.connect(port);
      found.send([['HELLO', String(protocol)]]);
      await found.read(1);
      clients.set(name, found);
    }
    return found;
  };
  const log: string[] = [];
  try {
    const first = await client('B');
    first.send([['FLUSHALL']]);
    await first.read(1);
    for (const [who, ...command] of steps) {
      if (who === 'sleep') {
        await sleep(Number(command[0]));
        continue;
      }
      const name = who.replace(/[<>!]$/, '');
      const connection = await client(name);
      if (who.endsWith('!')) {
        // Closes the connection (a blocked one must leave its keys' queues).
        connection.close();
        clients.delete(name);
        await sleep(30);
        continue;
      }
      if (who.endsWith('<')) {
        log.push(`${name} < ${await connection.read(Number(command[0] ?? 1))}`);
        continue;
      }
      // CLIENT UNBLOCK names a connection by its id, which each server
      // numbers its own way: $A stands for A's.
      const args = await Promise.all(
        command.map(async (arg) => (arg === '$A' ? await idOf(await client('A')) : arg)),
      );
      connection.send([args]);
      if (command.join(' ') === 'CLIENT ID') {
        // Each server numbers its connections its own way: kept, not logged.
        ids.set(connection, (await connection.read(1)).slice(1).trim());
        continue;
      }
      if (!who.endsWith('>'))
        log.push(`${name} ${command.join(' ')} -> ${await connection.read(1)}`);
      // Let a blocked command reach the server before the next step.
      else await sleep(30);
    }
  } finally {
    for (const connection of clients.values()) connection.close();
  }
  return log;
}

const ids = new WeakMap<RawClient, string>();
async function idOf(connection: RawClient): Promise<string> {
  const known = ids.get(connection);
  if (known !== undefined) return known;
  throw new Error('ask CLIENT ID on A first (step A CLIENT ID)');
}

const SCRIPTS: Record<string, Step[]> = {
  'served by a push, in the order blocked': [
    ['A>', 'BLPOP', 'k', '0'],
    ['C>', 'BRPOP', 'k', '0'],
    ['B', 'RPUSH', 'k', '1', '2', '3'],
    ['A<'],
    ['C<'],
    ['B', 'LRANGE', 'k', '0', '-1'],
    ['A>', 'BLPOP', 'k1', 'k2', '0'],
    ['B', 'RPUSH', 'k2', 'x'],
    ['A<'],
    ['B', 'EXISTS', 'k2'],
    ['C>', 'BLPOP', 'gone', '0'],
    ['C!'],
    ['B', 'RPUSH', 'gone', 'kept'],
    ['B', 'LRANGE', 'gone', '0', '-1'],
  ],
  'a sorted set served to its waiters in turn, the next one only what is left': [
    ['A>', 'BZPOPMIN', 'z', '0'],
    ['C>', 'BZMPOP', '0', '1', 'z', 'MAX'],
    ['B', 'ZADD', 'z', '1', 'm'],
    ['A<'],
    ['B', 'EXISTS', 'z'],
    ['B', 'ZADD', 'z', '2', 'n', '3', 'o'],
    ['C<'],
    ['B', 'ZRANGE', 'z', '0', '-1'],
    ['A>', 'BZPOPMAX', 'z2', '0'],
    ['C>', 'BZPOPMIN', 'z2', '0'],
    ['B', 'ZADD', 'z2', '1', 'x', '2', 'y', '3', 'w'],
    ['A<'],
    ['C<'],
    ['B', 'ZRANGE', 'z2', '0', '-1', 'WITHSCORES'],
  ],
  'BLMOVE feeding another blocked pop, and a destination of another type': [
    ['A>', 'BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0'],
    ['C>', 'BLPOP', 'dst', '0'],
    ['B', 'RPUSH', 'src', 'x'],
    ['A<'],
    ['C<'],
    ['B', 'EXISTS', 'src', 'dst'],
    ['A>', 'BRPOPLPUSH', 's2', 'str', '0'],
    ['B', 'SET', 'str', 'v'],
    ['B', 'RPUSH', 's2', 'y'],
    ['A<'],
    ['B', 'LRANGE', 's2', '0', '-1'],
  ],
  'timeouts, transactions and commands behind a block': [
    ['A', 'BLPOP', 'nokey', '0.1'],
    ['A', 'BLMOVE', 'nokey', 'dst', 'LEFT', 'LEFT', '0.05'],
    ['A', 'BLMPOP', '0.05', '1', 'nokey', 'LEFT'],
    ['A', 'MULTI'],
    ['A', 'BLPOP', 'nokey', '0'],
    ['A', 'BRPOPLPUSH', 'nokey', 'dst', '0'],
    ['A', 'BLMPOP', '0', '1', 'nokey', 'RIGHT'],
    ['A', 'EXEC'],
    ['A>', 'BLPOP', 'w', '0'],
    ['A>', 'PING', 'behind'],
    ['B', 'RPUSH', 'w', 'z'],
    // Both replies, which may come in one read.
    ['A<', '2'],
  ],
  'CLIENT UNBLOCK, RENAME, SWAPDB and BLMPOP': [
    ['A', 'CLIENT', 'ID'],
    ['A>', 'BLPOP', 'u', '0'],
    ['B', 'CLIENT', 'UNBLOCK', '$A'],
    ['A<'],
    ['A>', 'BLPOP', 'u', '0'],
    ['B', 'CLIENT', 'UNBLOCK', '$A', 'ERROR'],
    ['A<'],
    ['A>', 'BLPOP', 'r', '0'],
    ['B', 'RPUSH', 'tmp', '1'],
    ['B', 'RENAME', 'tmp', 'r'],
    ['A<'],
    ['A>', 'BLPOP', 'sw', '0'],
    ['B', 'SELECT', '1'],
    ['B', 'RPUSH', 'sw', 'v'],
    ['B', 'SWAPDB', '0', '1'],
    ['A<'],
    ['B', 'SELECT', '0'],
    ['A>', 'BLMPOP', '0', '2', 'm1', 'm2', 'RIGHT', 'COUNT', '2'],
    ['B', 'RPUSH', 'm2', 'a', 'b', 'c'],
    ['A<'],
    ['A>', 'BLPOP', 'e', '0'],
    ['B', 'MULTI'],
    ['B', 'RPUSH', 'e', '1', '2'],
    ['B', 'LPOP', 'e'],
    ['B', 'EXEC'],
    ['A<'],
  ],
  'keyspace notifications of served pops': [
    ['B', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
    ['S', 'PSUBSCRIBE', '__keyevent@0__:*'],
    ['A>', 'BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0'],
    ['B', 'RPUSH', 'src', 'x'],
    ['A<'],
    // RPUSH's rpush, then the serve's: dst's rpush, src's lpop and del.
    ['S<', '4'],
    ['A>', 'BRPOP', 'q', '0'],
    ['B', 'RPUSH', 'q', '1', '2'],
    ['A<'],
    ['S<', '2'],
    ['B', 'CONFIG', 'SET', 'notify-keyspace-events', ''],
  ],
  'argument errors': [
    ['A', 'BLPOP', 'k', 'x'],
    ['A', 'BLPOP', 'k', '-1'],
    ['A', 'BLPOP', 'k', 'inf'],
    ['A', 'BLPOP', 'k', '1e400'],
    ['A', 'BLPOP', 'k', '9223372036854775807'],
    ['A', 'BLPOP', 'k', ' 1'],
    ['A', 'BLPOP', 'k'],
    ['A', 'BLMOVE', 'a', 'b', 'UP', 'LEFT', 'x'],
    ['A', 'BLMOVE', 'a', 'b', 'LEFT', 'LEFT', 'x'],
    ['A', 'BLMPOP', 'x', '1', 'k', 'LEFT'],
    ['A', 'BLMPOP', 'x', '0', 'k', 'LEFT'],
    ['A', 'BLMPOP', '0', '2', 'k', 'LEFT'],
    ['A', 'BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT', '0'],
    ['A', 'SET', 'str', 'v'],
    ['A', 'BLPOP', 'nokey', 'str', '0'],
    ['A', 'BRPOPLPUSH', 'str', 'x', '0'],
    ['A', 'RPUSH', 'l', 'a'],
    ['A', 'BLMOVE', 'l', 'str', 'LEFT', 'LEFT', '0'],
    ['A', 'BLPOP', 'nokey', 'l', '0'],
    ['A', 'COMMAND', 'GETKEYS', 'blmpop', '0', '2', 'a', 'b', 'LEFT'],
  ],
  // XREAD and XREADGROUP blocked until XADD, every reader of a key served
  // by one entry, a deleted key or group ending a group reader's wait.
  'stream reads served by XADD': [
    ['B', 'XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
    ['A>', 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'],
    ['C>', 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'],
    ['D>', 'XREADGROUP', 'GROUP', 'g', 'd', 'BLOCK', '0', 'STREAMS', 's', '>'],
    ['B', 'XADD', 's', '1-0', 'f', 'v'],
    ['A<'],
    ['C<'],
    ['B', 'XADD', 's', '2-0', 'f', 'w'],
    ['D<'],
    ['B', 'XPENDING', 's', 'g'],
    ['A>', 'XREAD', 'COUNT', '5', 'BLOCK', '0', 'STREAMS', 'other', 's', '$', '2-0'],
    ['B', 'XADD', 'other', '1-0', 'o', '1'],
    ['A<'],
    ['C>', 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'],
    ['B', 'XGROUP', 'DESTROY', 's', 'g'],
    ['C<'],
    ['B', 'XGROUP', 'CREATE', 's', 'g', '$'],
    ['C>', 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'],
    ['A>', 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'],
    ['B', 'DEL', 's'],
    ['C<'],
    ['B', 'XADD', 's', '5-0', 'f', 'x'],
    ['A<'],
    ['A', 'XREAD', 'BLOCK', '50', 'STREAMS', 's', '$'],
    ['A', 'MULTI'],
    ['A', 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'],
    ['A', 'EXEC'],
    ['A', 'COMMAND', 'GETKEYS', 'XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>', '>'],
    // The stream going by overwrite, FLUSHALL or SWAPDB ends a group
    // reader's wait too.
    ['B', 'XGROUP', 'CREATE', 'o', 'g', '$', 'MKSTREAM'],
    ['A>', 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'o', '>'],
    ['B', 'SET', 'o', 'v'],
    ['A<'],
    ['B', 'XGROUP', 'CREATE', 'w', 'g', '$', 'MKSTREAM'],
    ['A>', 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'w', '>'],
    ['B', 'SWAPDB', '0', '1'],
    ['A<'],
    ['B', 'SWAPDB', '0', '1'],
    ['B', 'XGROUP', 'CREATE', 'f', 'g', '$', 'MKSTREAM'],
    ['A>', 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'f', '>'],
    ['C>', 'XREAD', 'BLOCK', '0', 'STREAMS', 'f', '$'],
    ['B', 'FLUSHALL'],
    ['A<'],
    ['B', 'XADD', 'f', '1-0', 'f', 'v'],
    ['C<'],
  ],
  // The sorted sets' blocking pops, and lists' and sorted sets' waiters
  // on one key: each is served by its own type, the other keeps its place.
  'sorted set pops served by ZADD, and waiters of both types': [
    ['A>', 'BZPOPMIN', 'z', '0'],
    ['C>', 'BZPOPMAX', 'z', '0'],
    ['B', 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
    ['A<'],
    ['C<'],
    ['B', 'ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ['A>', 'BZMPOP', '0', '2', 'z1', 'z2', 'MAX', 'COUNT', '2'],
    ['B', 'ZADD', 'z2', '1.5', 'x', '2.5', 'y', '3.5', 'w'],
    ['A<'],
    ['A>', 'BLPOP', 'mixed', '0'],
    ['C>', 'BZPOPMIN', 'mixed', '0'],
    ['B', 'ZADD', 'mixed', '1', 'm'],
    ['C<'],
    ['B', 'DEL', 'mixed'],
    ['B', 'RPUSH', 'mixed', 'e'],
    ['A<'],
    ['A', 'BZPOPMIN', 'z2', 'nokey', '0'],
    ['A', 'BZPOPMIN', 'nokey', '0.05'],
    ['A', 'BZMPOP', '0.05', '1', 'nokey', 'MIN'],
    ['A', 'MULTI'],
    ['A', 'BZPOPMAX', 'nokey', '0'],
    ['A', 'EXEC'],
    ['A>', 'BZPOPMIN', 'src', '0'],
    ['B', 'ZADD', 'other', '1', 'o'],
    ['B', 'ZUNIONSTORE', 'src', '1', 'other'],
    ['A<'],
    ['A', 'ZPOPMIN', 'nokey'],
    ['A', 'BZPOPMIN', 'k'],
    ['A', 'BZPOPMIN', 'k', 'x'],
    ['A', 'BZPOPMIN', 'k', '-1'],
    ['A', 'BZMPOP', 'x', '0', 'k', 'MIN'],
    ['A', 'BZMPOP', '0', '1', 'k', 'LEFT'],
    ['A', 'SET', 'str', 'v'],
    ['A', 'BZPOPMIN', 'nokey', 'str', '0'],
    ['A', 'COMMAND', 'GETKEYS', 'bzmpop', '0', '2', 'a', 'b', 'MIN'],
  ],
};

describe.skipIf(!hasRedis())('differential: blocking list pops across connections', () => {
  const ports = useDifferentialServers();

  for (const [name, steps] of Object.entries(SCRIPTS)) {
    for (const protocol of [2, 3] as const) {
      it(`${name} in RESP${protocol}`, async () => {
        const expected = await run(ports.redis, protocol, steps);
        const actual = await run(ports.ours, protocol, steps);
        expect(actual).toEqual(expected);
      });
    }
  }

  it('counts in INFO clients the blocked clients, and those blocked with a timeout', async () => {
    const counted = async (port: number) => {
      const [forever, timed, admin] = await Promise.all([
        RawClient.connect(port),
        RawClient.connect(port),
        RawClient.connect(port),
      ]);
      try {
        forever.send([['BLPOP', 'none', '0']]);
        timed.send([['BLPOP', 'none', '10']]);
        await sleep(100);
        admin.send([['INFO', 'clients']]);
        const info = await admin.read(1);
        return ['blocked_clients', 'clients_in_timeout_table']
          .map((field) => new RegExp(`${field}:\\d+`).exec(info)?.[0])
          .join(' ');
      } finally {
        for (const client of [forever, timed, admin]) client.close();
      }
    };
    const expected = await counted(ports.redis);
    expect(expected).toBe('blocked_clients:2 clients_in_timeout_table:1');
    expect(await counted(ports.ours)).toBe(expected);
  });
});
