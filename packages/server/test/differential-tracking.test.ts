// Client-side caching (CLIENT TRACKING) and CLIENT REPLY against a real
// redis-server: transcripts over several connections, each connection's
// whole byte stream compared. The client ids of both servers are first
// made equal (by opening connections on the one behind), so REDIRECT and
// the replies that name ids agree; `{x}` in a command is connection x's id.
//
// A step waits for the replies it expects on its own connection (the
// third element; 1 by default, 0 for a silenced reply), so the next step
// is sent after the server has run it; pushes to other connections are
// collected after each step and at the end, until every connection has
// been quiet for a moment.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

type Pause = ['sleep', number];
type Step = [connection: string, command: string, replies?: number] | Pause;

function isPause(step: Step): step is Pause {
  return typeof step[1] === 'number';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function clientId(client: RawClient): Promise<number> {
  client.send([['CLIENT', 'ID']]);
  return Number(/^:(\d+)/.exec(await client.read(1))![1]);
}

// Opens and closes connections on the server whose next client id is
// lower, until both give the same next id.
async function alignIds(ports: readonly number[]): Promise<void> {
  const next: number[] = [];
  for (const port of ports) {
    const probe = await RawClient.connect(port);
    next.push((await clientId(probe)) + 1);
    probe.close();
  }
  const highest = Math.max(...next);
  for (let i = 0; i < ports.length; i++) {
    for (let id = next[i]!; id < highest; id++) {
      const burn = await RawClient.connect(ports[i]!);
      await clientId(burn);
      burn.close();
    }
  }
}

async function transcript(port: number, steps: readonly Step[]): Promise<Record<string, string>> {
  const connections = new Map<string, { client: RawClient; id: number }>();
  const logs: Record<string, string> = {};
  const open = async (name: string) => {
    let connection = connections.get(name);
    if (connection === undefined) {
      const client = await RawClient.connect(port);
      connection = { client, id: await clientId(client) };
      connections.set(name, connection);
      logs[name] = '';
    }
    return connection;
  };
  const collect = () => {
    for (const [name, { client }] of connections) logs[name] += client.drain();
  };
  // Collects until no connection has received anything for 5 ms.
  const settle = async () => {
    for (;;) {
      await sleep(5);
      const length = (): number => Object.values(logs).reduce((sum, log) => sum + log.length, 0);
      const before = length();
      collect();
      if (length() === before) return;
    }
  };
  try {
    for (const step of steps) {
      if (isPause(step)) {
        await sleep(step[1]);
        continue;
      }
      const [name, command, replies = 1] = step;
      const { client } = await open(name);
      // `{x}` is connection x's id; `;` separates commands sent as one write.
      const withIds = command.replace(/\{(\w+)\}/g, (_, other: string) =>
        String(connections.get(other)!.id),
      );
      client.send(withIds.split(';').map((one) => one.trim().split(' ')));
      if (replies > 0) logs[name] += await client.read(replies);
      else await sleep(30);
      // The pushes this step caused on other connections leave the server
      // in the same turn as its replies, but may reach us a moment later.
      // Collected now, such a push is not counted as a reply by the next
      // step's read, which would then send the step after before the
      // server had run this one's command.
      await settle();
    }
    // Pushes still on their way: collect until a quiet 100 ms.
    let before = '';
    for (;;) {
      await sleep(100);
      collect();
      const now = JSON.stringify(logs);
      if (now === before) break;
      before = now;
    }
    return logs;
  } finally {
    for (const { client } of connections.values()) client.close();
  }
}

describe.skipIf(!hasRedis())('differential: tracking and CLIENT REPLY', () => {
  const servers = useDifferentialServers();

  async function compare(steps: readonly Step[]): Promise<Record<string, string>> {
    await alignIds([servers.redis, servers.ours]);
    const expected = await transcript(servers.redis, steps);
    const actual = await transcript(servers.ours, steps);
    expect(actual).toEqual(expected);
    return actual;
  }

  it('default mode: reads remembered, changes invalidated once, own after the reply', async () => {
    const logs = await compare([
      ['w', 'FLUSHALL'],
      ['a', 'HELLO 3'],
      ['a', 'CLIENT TRACKING ON'],
      ['a', 'GET k'],
      ['a', 'SET k v', 2],
      ['a', 'GET k'],
      ['w', 'SET k w'],
      ['w', 'SET k x'],
      ['a', 'GET k;SET k 1;GET k', 4],
      ['a', 'MULTI;GET k;SET k 2;GET k;EXEC', 6],
      ['a', 'MGET m1 m2 m3'],
      ['w', 'MSET m3 1 m1 2'],
      ['w', 'DEL m2 m3'],
      // An error reply still remembers the key; OBJECT ENCODING is a read.
      ['w', 'HSET h f v'],
      ['a', 'GET h'],
      ['a', 'OBJECT ENCODING h'],
      ['w', 'HSET h g v'],
      // One table for every database; SWAPDB changes nothing it tracks.
      ['a', 'GET d'],
      ['w', 'SELECT 1'],
      ['w', 'SET d 1'],
      ['a', 'GET e'],
      ['w', 'SWAPDB 0 1'],
      ['w', 'SELECT 0'],
      ['w', 'SET e 1'],
      // Expiry (by the purge: which comes first, it or a read, is timing).
      ['w', 'SET x2 1 PX 60'],
      ['a', 'GET x2'],
      ['sleep', 400],
      // Flushes: a null for every key.
      ['a', 'GET f'],
      ['w', 'FLUSHDB', 1],
      ['a', 'FLUSHALL', 2],
      ['a', 'CLIENT TRACKING ON NOLOOP'],
      ['a', 'GET n'],
      ['a', 'SET n 1'],
      ['w', 'SET n 2'],
      ['a', 'GET n'],
      ['w', 'SET n 3'],
      ['a', 'CLIENT TRACKING OFF'],
      ['a', 'GET o'],
      ['w', 'SET o 1'],
      ['a', 'PING'],
    ]);
    // The purge's invalidation came between two replies.
    expect(logs.a).toContain('$1\r\n1\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\nx2\r\n');
  });

  it('redirection: to RESP3, to a subscribed RESP2 connection, broken', async () => {
    await compare([
      ['w', 'FLUSHALL'],
      ['r', 'SUBSCRIBE x'],
      ['c', 'CLIENT TRACKING ON REDIRECT {r}'],
      ['c', 'MGET k k2'],
      ['w', 'MSET k 1 k2 2'],
      ['c', 'CLIENT GETREDIR'],
      ['c', 'CLIENT TRACKINGINFO'],
      // Subscribed to nothing: a RESP2 target gets nothing.
      ['r', 'UNSUBSCRIBE'],
      ['c', 'GET k'],
      ['w', 'SET k 3'],
      ['r', 'HELLO 3'],
      ['c', 'GET k'],
      ['w', 'SET k 4'],
      // The null of a flush is in the tracking connection's protocol.
      ['t', 'HELLO 3'],
      ['t', 'CLIENT TRACKING ON REDIRECT {r}'],
      ['p', 'PSUBSCRIBE nothing*'],
      ['u', 'CLIENT TRACKING ON REDIRECT {p}'],
      ['v', 'HELLO 3'],
      ['v', 'CLIENT TRACKING ON REDIRECT {p}'],
      ['w', 'FLUSHALL'],
      ['r', 'QUIT'],
      ['sleep', 50],
      ['c', 'GET k'],
      ['w', 'SET k 5'],
      ['c', 'CLIENT TRACKINGINFO'],
      ['c', 'HELLO 3'],
      ['c', 'GET k'],
      ['w', 'SET k 6'],
      ['c', 'CLIENT TRACKINGINFO'],
      ['c', 'CLIENT TRACKING ON'],
      ['c', 'CLIENT TRACKINGINFO'],
      ['c', 'GET k'],
      ['w', 'SET k 7'],
    ]);
  });

  it("scripts: the caller's invalidations after EVAL's reply, NOLOOP for the caller but not for BCAST", async () => {
    await compare([
      ['w', 'FLUSHALL'],
      ['a', 'HELLO 3'],
      ['a', 'CLIENT TRACKING ON'],
      ['a', 'GET k;GET k2', 2],
      // The script's write invalidates the caller's key after EVAL's reply.
      ['a', 'EVAL redis.call("set","k","v")return(redis.call("get","k2")) 0', 2],
      ['b', 'HELLO 3'],
      ['b', 'CLIENT TRACKING ON BCAST'],
      ['a', 'EVAL redis.call("set","k","v2")redis.call("set","k2","w") 0', 2],
      // Keys a script reads are not remembered for the caller (Redis 7.0).
      ['a', 'EVAL return(redis.call("get","k9")) 0'],
      ['w', 'SET k9 1'],
      ['a', 'PING'],
      // NOLOOP spares the caller in default mode; in BCAST the script
      // client counts as the writer, so the caller is told.
      ['o', 'HELLO 3'],
      ['o', 'CLIENT TRACKING ON NOLOOP'],
      ['o', 'GET y1'],
      ['o', 'EVAL redis.call("set","y1","1") 0'],
      ['o', 'PING'],
      ['n', 'HELLO 3'],
      ['n', 'CLIENT TRACKING ON BCAST NOLOOP'],
      ['n', 'EVAL redis.call("set","x1","1") 0', 2],
      ['n', 'PING'],
      ['p', 'HELLO 3'],
      ['p', 'CLIENT TRACKING ON'],
      ['p', 'GET z1'],
      ['p', 'EVAL redis.call("flushdb") 0', 2],
    ]);
  });

  it('BCAST: prefixes, keys in byte order once per turn, NOLOOP', async () => {
    await compare([
      ['w', 'FLUSHALL'],
      ['a', 'HELLO 3'],
      ['a', 'CLIENT TRACKING ON BCAST PREFIX user: PREFIX obj NOLOOP'],
      ['a', 'CLIENT TRACKINGINFO'],
      ['w', 'SET user:1 x'],
      ['w', 'MSET obj1 a zz b user:2 c'],
      ['a', 'SET user:3 y'],
      ['w', 'SET user:3 z;SET user:4 w;SET user:3 q', 3],
      ['c', 'HELLO 3'],
      ['c', 'CLIENT TRACKING ON BCAST'],
      ['w', 'SET q 1;DEL q', 2],
      ['c', 'SET m 1', 2],
      ['c', 'CLIENT TRACKING ON BCAST PREFIX ab'],
      ['c', 'CLIENT TRACKINGINFO'],
      ['c', 'FLUSHDB', 2],
      ['w', 'SET obj 1'],
      // RESP2 with BCAST and no redirection: nothing is sent.
      ['d', 'CLIENT TRACKING ON BCAST PREFIX obj'],
      ['w', 'SET obj 2'],
      ['d', 'PING'],
    ]);
  });

  it('OPTIN and OPTOUT: CLIENT CACHING for the next command, a CLIENT command or a transaction', async () => {
    await compare([
      ['w', 'FLUSHALL'],
      ['a', 'HELLO 3'],
      ['a', 'CLIENT TRACKING ON OPTIN'],
      ['a', 'GET k1'],
      ['a', 'CLIENT CACHING YES'],
      ['a', 'CLIENT TRACKINGINFO'],
      ['a', 'GET k2'],
      ['a', 'CLIENT CACHING YES'],
      ['a', 'CLIENT ID'],
      ['a', 'GET k3'],
      ['a', 'CLIENT CACHING YES'],
      ['a', 'MULTI;GET k4;GET k5;EXEC', 4],
      ['a', 'GET k6'],
      ['w', 'MSET k1 1 k2 2 k3 3 k4 4 k5 5 k6 6'],
      ['a', 'CLIENT CACHING NO'],
      ['a', 'CLIENT CACHING maybe'],
      ['a', 'CLIENT TRACKING ON OPTOUT'],
      ['a', 'CLIENT TRACKING OFF'],
      ['a', 'CLIENT TRACKING ON OPTOUT'],
      ['a', 'CLIENT CACHING NO'],
      ['a', 'CLIENT TRACKINGINFO'],
      ['a', 'GET k1'],
      ['a', 'GET k2'],
      ['w', 'MSET k1 1 k2 2'],
      ['a', 'CLIENT CACHING YES'],
    ]);
  });

  it('CLIENT TRACKING errors, in Redis order', async () => {
    await compare(
      [
        'CLIENT TRACKING',
        'CLIENT TRACKING maybe',
        'CLIENT TRACKING ON PREFIX x',
        'CLIENT TRACKING ON BCAST OPTIN',
        'CLIENT TRACKING ON OPTIN OPTOUT',
        'CLIENT TRACKING ON REDIRECT 999999',
        'CLIENT TRACKING ON REDIRECT x',
        'CLIENT TRACKING ON REDIRECT {a} REDIRECT {a}',
        'CLIENT TRACKING ON REDIRECT 0',
        'CLIENT TRACKING ON REDIRECT -1',
        'CLIENT TRACKING ON REDIRECT',
        'CLIENT TRACKING ON BOGUS',
        'CLIENT TRACKING OFF BOGUS',
        'CLIENT TRACKING OFF PREFIX x OPTIN OPTOUT',
        'CLIENT TRACKING maybe BCAST',
        'CLIENT TRACKING ON BCAST PREFIX a PREFIX ab',
        'CLIENT TRACKING ON BCAST PREFIX ab PREFIX a',
        'CLIENT TRACKING ON BCAST PREFIX a PREFIX a',
        'CLIENT TRACKING ON BCAST PREFIX a PREFIX b PREFIX ac',
        'CLIENT TRACKINGINFO',
        'CLIENT TRACKING ON BCAST PREFIX b PREFIX c',
        'CLIENT TRACKING ON BCAST',
        'CLIENT TRACKING ON BCAST NOLOOP PREFIX b',
        'CLIENT TRACKING ON BCAST PREFIX zz',
        'CLIENT TRACKINGINFO',
        'CLIENT TRACKING ON',
        'CLIENT CACHING YES',
        'CLIENT CACHING',
        'CLIENT GETREDIR x',
        'CLIENT TRACKINGINFO x',
        'CLIENT TRACKING OFF',
        'CLIENT CACHING NO',
        'CLIENT GETREDIR',
        'CLIENT TRACKING ON OPTIN',
        'CLIENT TRACKING ON OPTOUT',
        'CLIENT TRACKING ON',
        'CLIENT TRACKINGINFO',
        'CONFIG GET tracking-table-max-keys',
        'CONFIG SET tracking-table-max-keys -1',
        'CONFIG SET tracking-table-max-keys 10',
        'CONFIG GET tracking-table-max-keys',
        'CONFIG SET tracking-table-max-keys 1000000',
      ].map((command): Step => ['a', command]),
    );
  });

  it('CLIENT REPLY: OFF, ON, SKIP; pushes still arrive', async () => {
    await compare([
      ['w', 'FLUSHALL'],
      ['a', 'SUBSCRIBE ch'],
      ['a', 'CLIENT REPLY OFF'],
      ['w', 'PUBLISH ch m1'],
      ['b', 'CLIENT REPLY OFF', 0],
      ['b', 'SUBSCRIBE ch'],
      ['w', 'PUBLISH ch m2'],
      ['b', 'PING', 0],
      ['b', 'UNSUBSCRIBE'],
      ['b', 'CLIENT REPLY ON'],
      ['c', 'HELLO 3'],
      ['c', 'SUBSCRIBE ch'],
      ['c', 'CLIENT REPLY OFF', 0],
      ['w', 'PUBLISH ch m3'],
      ['c', 'SUBSCRIBE ch2'],
      ['c', 'PUBLISH ch m4'],
      ['c', 'CLIENT REPLY SKIP', 0],
      ['c', 'CLIENT REPLY ON'],
      ['c', 'CLIENT REPLY SKIP', 0],
      ['c', 'CLIENT REPLY ON'],
      ['c', 'PING'],
      ['c', 'CLIENT REPLY SKIP', 0],
      ['c', 'CLIENT REPLY OFF', 0],
      ['c', 'PING', 0],
      ['c', 'CLIENT REPLY ON'],
      ['c', 'CLIENT REPLY SKIP;GET x;PING'],
      ['c', 'CLIENT REPLY maybe'],
      ['c', 'CLIENT REPLY'],
      ['c', 'CLIENT REPLY OFF', 0],
      ['c', 'CLIENT REPLY maybe', 0],
      ['c', 'FOO', 0],
      ['c', 'CLIENT REPLY ON'],
      // A blocked command's reply is the one skipped.
      ['d', 'CLIENT REPLY SKIP', 0],
      ['d', 'BLPOP l 0', 0],
      ['w', 'RPUSH l x'],
      ['d', 'PING'],
      // Invalidations pass through OFF.
      ['e', 'HELLO 3'],
      ['e', 'CLIENT TRACKING ON'],
      ['e', 'GET t'],
      ['e', 'CLIENT REPLY OFF', 0],
      ['w', 'SET t 1'],
      ['e', 'CLIENT REPLY ON'],
      // RESET turns tracking off and replies on; a SKIP for RESET holds.
      ['h', 'HELLO 3'],
      ['h', 'CLIENT TRACKING ON BCAST'],
      ['h', 'CLIENT REPLY OFF', 0],
      ['h', 'RESET'],
      ['h', 'CLIENT TRACKINGINFO'],
      ['h', 'CLIENT REPLY SKIP;RESET;PING'],
      ['w', 'SET after-reset 1'],
      ['h', 'PING'],
      // Inside EXEC, OFF and SKIP take effect at once, so EXEC's array
      // lacks elements, as Redis sends it (the connection is out of step
      // after that: the last steps).
      ['f', 'MULTI;CLIENT REPLY OFF;PING;EXEC;PING', 0],
      ['f', 'CLIENT REPLY ON', 0],
      ['g', 'MULTI;CLIENT REPLY SKIP;PING;EXEC;PING;PING', 0],
    ]);
  });

  it('INFO counts tracking clients, keys, items and prefixes', async () => {
    const fields = async (port: number) => {
      await alignIds([servers.redis, servers.ours]);
      const a = await RawClient.connect(port);
      const b = await RawClient.connect(port);
      const w = await RawClient.connect(port);
      try {
        a.send([['FLUSHALL'], ['CLIENT', 'TRACKING', 'ON'], ['MGET', 'i1', 'i2', 'i3']]);
        await a.read(3);
        b.send([
          ['CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'p', 'PREFIX', 'q'],
          ['GET', 'i1'],
        ]);
        await b.read(2);
        w.send([['INFO']]);
        const info = await w.read(1);
        return info.split('\r\n').filter((line) => line.startsWith('tracking_'));
      } finally {
        for (const client of [a, b, w]) client.close();
      }
    };
    const expected = await fields(servers.redis);
    expect(expected).toEqual([
      'tracking_clients:2',
      'tracking_total_keys:3',
      'tracking_total_items:3',
      'tracking_total_prefixes:2',
    ]);
    expect(await fields(servers.ours)).toEqual(expected);
  });
});
