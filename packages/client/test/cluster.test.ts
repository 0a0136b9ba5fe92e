// The cluster client against a real Redis Cluster: three masters and a
// replica of the first, each a redis-server in cluster mode on a loopback
// port of its own, joined with CLUSTER MEET and given their slots with
// CLUSTER ADDSLOTSRANGE. Routing by key (hash tags, UTF-8 and Buffer keys
// included, checked against the server's CLUSTER KEYSLOT and COMMAND
// GETKEYS), commands sent to every shard, pipelines and transactions,
// a slot migrated under a connected client (ASK, then MOVED), and a
// failover of the first master to its replica.

import { Buffer } from 'node:buffer';
import { hasRedis, type ServerProcess, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connect } from '../src/client.js';
import { ASK_SERVER, CommandTable } from '../src/cluster/command-table.js';
import {
  CLUSTER_SLOTS,
  ClientError,
  createCluster,
  createSubscriber,
  keySlot,
  ReplyError,
} from '../src/index.js';

const enabled = hasRedis();

// Each master's first and last slot.
const RANGES = [
  [0, 5460],
  [5461, 10922],
  [10923, 16383],
] as const;

async function withNode<T>(port: number, run: (client: Client) => Promise<T>): Promise<T> {
  using client = await connect(`127.0.0.1:${port}`);
  return await run(client);
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const info = (port: number, section: string) =>
  withNode(port, async (client) =>
    String(
      await client.command([
        section === 'cluster' ? 'CLUSTER' : 'INFO',
        section === 'cluster' ? 'INFO' : section,
      ]),
    ),
  );

// The port of the master serving `slot`, by the node at `port`'s word.
async function ownerOf(port: number, slot: number): Promise<number> {
  const slots = (await withNode(port, (client) =>
    client.command(['CLUSTER', 'SLOTS']),
  )) as unknown[][];
  const range = slots.find((r) => Number(r[0]) <= slot && slot <= Number(r[1]))!;
  return Number((range[2] as unknown[])[1]);
}

// Moves an empty slot from one master to another, the source told first
// (as redis-cli --cluster does), then every other master.
async function moveSlot(slot: number, from: number, to: number, ports: number[]): Promise<void> {
  const id = (port: number) => withNode(port, (c) => c.command(['CLUSTER', 'MYID']));
  const [fromId, toId] = [await id(from), await id(to)];
  await withNode(to, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'IMPORTING', String(fromId)]));
  await withNode(from, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'MIGRATING', String(toId)]));
  for (const port of [from, ...ports.filter((p) => p !== from)])
    await withNode(port, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'NODE', String(toId)]));
}

// The shard channels subscribed on the node at `port`, sorted.
const shardChannelsOf = async (port: number) =>
  ((await withNode(port, (c) => c.command(['PUBSUB', 'SHARDCHANNELS']))) as string[]).sort();

// The next message of a subscriber, or a failure after a while.
const nextOf = (subscriber: { nextMessage(o: { signal: AbortSignal }): Promise<unknown> }) =>
  subscriber.nextMessage({ signal: AbortSignal.timeout(5000) });

describe.skipIf(!enabled)('createCluster against a real Redis Cluster', () => {
  let nodes: ServerProcess[];
  let masters: ServerProcess[];
  let replica: ServerProcess;
  const ids = new Map<number, string>();
  let seed: string;

  beforeAll(async () => {
    nodes = await Promise.all(
      Array.from({ length: 4 }, () =>
        startRealRedis([
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-node-timeout',
          '3000',
        ]),
      ),
    );
    masters = nodes.slice(0, 3);
    replica = nodes[3]!;
    seed = `127.0.0.1:${masters[1]!.port}`;
    for (const node of nodes)
      ids.set(node.port, String(await withNode(node.port, (c) => c.command(['CLUSTER', 'MYID']))));
    for (const [i, [from, to]] of RANGES.entries())
      await withNode(masters[i]!.port, (c) => c.command(['CLUSTER', 'ADDSLOTSRANGE', from, to]));
    await withNode(masters[0]!.port, async (c) => {
      for (const node of nodes.slice(1))
        await c.command(['CLUSTER', 'MEET', '127.0.0.1', node.port]);
    });
    for (const node of nodes)
      await until('the cluster to form', async () => {
        const text = await info(node.port, 'cluster');
        return text.includes('cluster_state:ok') && text.includes('cluster_known_nodes:4');
      });
    await withNode(replica.port, (c) =>
      c.command(['CLUSTER', 'REPLICATE', ids.get(masters[0]!.port)!]),
    );
    await until('the replica to sync', async () =>
      (await info(replica.port, 'replication')).includes('master_link_status:up'),
    );
    // Every node sees the replica as one.
    for (const node of masters)
      await until('the replica to be known', async () => {
        const text = String(await withNode(node.port, (c) => c.command(['CLUSTER', 'NODES'])));
        return (
          text.includes(`${ids.get(replica.port)} 127.0.0.1:${replica.port}@`) &&
          / slave /.test(text)
        );
      });
  }, 60_000);

  afterAll(async () => {
    await Promise.all((nodes ?? []).map((node) => node.stop()));
  });

  it('computes the slot of a key as the server does: hash tags, UTF-8, Buffers', async () => {
    const keys: (string | Buffer)[] = [
      'foo',
      '',
      'user:1000',
      '{user1000}.following',
      '{user1000}.followers',
      'foo{}{bar}',
      'foo{{bar}}zap',
      'foo{bar}{zap}',
      '{',
      '}{',
      'ключ',
      '鍵{タグ}',
      Buffer.from([0xff, 0x00, 0x7b, 0x61, 0x7d]),
    ];
    for (const key of keys) {
      const slot = await withNode(masters[0]!.port, (c) => c.command(['CLUSTER', 'KEYSLOT', key]));
      expect(keySlot(key), String(key)).toBe(slot);
    }
    expect(CLUSTER_SLOTS).toBe(16_384);
  });

  it("finds a command's first key where COMMAND GETKEYS does", async () => {
    const commands: (string | number)[][] = [
      ['GET', 'a'],
      ['SET', 'a', 'v', 'EX', 10],
      ['MSET', 'a', '1', 'b', '2'],
      ['DEL', 'a', 'b', 'c'],
      ['EVAL', 'return 1', 2, 'k1', 'k2', 'arg'],
      ['EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 1, 'k1'],
      ['FCALL', 'f', 1, 'k1', 'x'],
      ['ZUNIONSTORE', 'dest', 2, 'z1', 'z2', 'WEIGHTS', 1, 2],
      ['ZINTERCARD', 2, 'z1', 'z2'],
      ['SINTERCARD', 2, 's1', 's2', 'LIMIT', 1],
      ['LMPOP', 2, 'l1', 'l2', 'LEFT'],
      ['BLMPOP', 0, 2, 'l1', 'l2', 'LEFT'],
      ['XREAD', 'COUNT', 2, 'STREAMS', 'x1', 'x2', '0', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'x1', '>'],
      ['XGROUP', 'CREATE', 'x1', 'g', '$'],
      ['XINFO', 'STREAM', 'x1'],
      ['OBJECT', 'ENCODING', 'o1'],
      ['MEMORY', 'USAGE', 'm1'],
      ['GEOSEARCHSTORE', 'dst', 'src', 'FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km'],
      ['GEORADIUS', 'g1', 0, 0, 1, 'km', 'STORE', 'g2'],
      ['SORT', 'list', 'BY', 'w_*', 'STORE', 'out'],
      ['BITOP', 'AND', 'dest', 'b1', 'b2'],
      ['MIGRATE', '127.0.0.1', 1, '', 0, 1000, 'KEYS', 'm1', 'm2'],
      ['LMOVE', 'l1', 'l2', 'LEFT', 'RIGHT'],
      ['BLPOP', 'l1', 'l2', 0],
    ];
    const table = new CommandTable(await withNode(masters[0]!.port, (c) => c.command(['COMMAND'])));
    expect(table.size).toBeGreaterThan(200);
    for (const args of commands) {
      const keys = (await withNode(masters[0]!.port, (c) =>
        c.command(['COMMAND', 'GETKEYS', ...args]),
      )) as string[];
      const found = table.firstKey(args);
      // Only where the server's specs cannot say may the client ask it.
      if (found === ASK_SERVER) expect(['SORT', 'MIGRATE']).toContain(args[0]);
      else expect(found, args.join(' ')).toBe(keys[0]);
      // The fast path's answer, where it gives one, is the only key.
      const sole = table.soleKey(args);
      if (sole !== undefined) expect([sole], args.join(' ')).toEqual(keys);
    }
    for (const args of [
      ['GET', 'a'],
      ['SET', 'a', 'v', 'EX', 10],
      ['HGET', 'h', 'f'],
      ['XINFO', 'STREAM', 'x1'],
    ]) {
      expect(table.soleKey(args), args.join(' ')).toBe(args[0] === 'XINFO' ? 'x1' : args[1]);
    }
    for (const keyless of [['PING'], ['DBSIZE'], ['INFO', 'server'], ['FLUSHALL']])
      expect(table.firstKey(keyless)).toBeUndefined();
  });

  it("sends each command to its key's master, over one connection per master", async () => {
    await using cluster = createCluster(seed);
    const keys = Array.from({ length: 300 }, (_, i) => `key:${i}`);
    await Promise.all(keys.map((key) => cluster.set(key, `value of ${key}`)));
    // Each key is on the master the server says serves its slot.
    for (const key of keys.slice(0, 30)) {
      const port = await ownerOf(masters[0]!.port, keySlot(key));
      expect(await withNode(port, (c) => c.command(['GET', key]))).toBe(`value of ${key}`);
    }
    const values = await Promise.all(keys.map((key) => cluster.get(key)));
    expect(values).toEqual(keys.map((key) => `value of ${key}`));
    expect(await cluster.getBuffer('key:7')).toEqual(Buffer.from('value of key:7'));
    expect(await cluster.command(['GET', 'missing'])).toBeNull();
    for (const master of masters) {
      const list = String(await withNode(master.port, (c) => c.command(['CLIENT', 'LIST'])));
      // One connection of the cluster's, and the one asking (a replica's
      // link, flag S, aside).
      expect(
        list
          .trim()
          .split('\n')
          .filter((line) => !/ flags=S /.test(line)),
      ).toHaveLength(2);
    }
  });

  it('runs multi-key commands within one hash tag, and gives the CROSSSLOT error across slots', async () => {
    await using cluster = createCluster([seed, `127.0.0.1:${masters[2]!.port}`]);
    await cluster.mset({ '{user:1}:name': 'Ada', '{user:1}:email': 'ada@example.com' });
    expect(await cluster.mget(['{user:1}:name', '{user:1}:email'])).toEqual([
      'Ada',
      'ada@example.com',
    ]);
    // Commands the server does not mark multi_shard stay whole.
    for (const refused of [
      () => cluster.msetnx({ a: '1', b: '2' }),
      () => cluster.rename('a', 'b'),
      () => cluster.command(['SUNIONSTORE', 'a', 'b', 'c']),
    ]) {
      const error = await refused().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReplyError);
      expect((error as ReplyError).message).toBe(
        "CROSSSLOT Keys in request don't hash to the same slot",
      );
    }
    expect(await cluster.eval("return redis.call('GET', KEYS[1])", ['{user:1}:name'], [])).toBe(
      'Ada',
    );
  });

  it('splits MGET, MSET, DEL, EXISTS, TOUCH and UNLINK by slot when their keys span several', async () => {
    await using cluster = createCluster(seed);
    const keys = Array.from({ length: 40 }, (_, i) => `split:${i}`);
    // Spread over every master (and so over many slots).
    const ports = new Set(
      await Promise.all(keys.map((key) => ownerOf(masters[1]!.port, keySlot(key)))),
    );
    expect(ports.size).toBe(3);
    const entries = Object.fromEntries(keys.map((key, i) => [key, `v${i}`]));
    expect(await cluster.mset(entries)).toBe('OK');
    for (const key of keys.slice(0, 10)) {
      const port = await ownerOf(masters[1]!.port, keySlot(key));
      expect(await withNode(port, (c) => c.command(['GET', key]))).toBe(entries[key]);
    }
    // Values come back in the order the keys were given, absent ones null.
    const asked = [...keys].reverse();
    asked.splice(5, 0, 'split:absent');
    expect(await cluster.mget(asked)).toEqual(asked.map((key) => entries[key] ?? null));
    expect(
      (await cluster.mgetBuffer(['split:1', 'split:2'])).map((value) => value?.toString()),
    ).toEqual(['v1', 'v2']);
    expect(await cluster.exists([...keys, 'split:absent'])).toBe(40);
    expect(await cluster.touch(keys.slice(0, 12))).toBe(12);
    expect(await cluster.unlink(keys.slice(0, 20))).toBe(20);
    expect(await cluster.del([...keys, 'split:absent'])).toBe(20);
    expect(await cluster.exists(keys)).toBe(0);
    // A pipeline splits them the same way.
    const [ok, values] = await cluster
      .pipeline()
      .command(['MSET', 'split:a', '1', 'split:b', '2', 'split:c', '3'])
      .mget(['split:c', 'split:a', 'split:b'])
      .exec();
    expect([ok, values]).toEqual(['OK', ['3', '1', '2']]);
    expect(await cluster.del(['split:a', 'split:b', 'split:c'])).toBe(3);
  });

  it('sends the commands the server marks for every shard to each master, and combines the replies', async () => {
    await using cluster = createCluster(seed);
    expect(await cluster.flushall()).toBe('OK');
    const keys = Array.from({ length: 50 }, (_, i) => `every:${i}`);
    await Promise.all(keys.map((key) => cluster.set(key, '1')));
    // The keys are spread: every master holds some.
    for (const master of masters)
      expect(await withNode(master.port, (c) => c.command(['DBSIZE']))).toBeGreaterThan(0);
    expect(await cluster.dbsize()).toBe(50);
    expect((await cluster.keys('every:*')).sort()).toEqual([...keys].sort());
    const scanned: string[] = [];
    for await (const key of cluster.scanIterator({ MATCH: 'every:*' })) scanned.push(key);
    expect(scanned.sort()).toEqual([...keys].sort());
    expect(await cluster.ping()).toBe('PONG');
    const sha = await cluster.scriptLoad('return 7');
    for (const master of masters)
      expect(await withNode(master.port, (c) => c.command(['SCRIPT', 'EXISTS', sha]))).toEqual([1]);
    expect(await cluster.scriptExists([sha, 'f'.repeat(40)])).toEqual([true, false]);
    expect(await cluster.flushall()).toBe('OK');
    expect(await cluster.dbsize()).toBe(0);
  });

  it('runs a pipeline across masters and a transaction on one, replies in order', async () => {
    await using cluster = createCluster(seed);
    const pipeline = cluster.pipeline();
    for (let i = 0; i < 60; i++) pipeline.set(`p:${i}`, String(i)).get(`p:${i}`);
    const replies = await pipeline.exec();
    expect(replies).toEqual(Array.from({ length: 60 }, (_, i) => ['OK', String(i)]).flat());
    const [set, incr, get] = await cluster
      .multi()
      .set('{t}:a', '1')
      .command(['INCR', '{t}:a'])
      .get('{t}:a')
      .exec();
    expect([set, incr, get]).toEqual(['OK', 2, '2']);
    const error = await cluster
      .pipeline()
      .set('x', '1')
      .command(['INCR', 'x:not-a-number-holder'])
      .command(['HGET', 'x', 'f'])
      .exec()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).code).toBe('WRONGTYPE');
  });

  it('follows ASK while a slot migrates, then MOVED once it has moved, without running a command twice', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0 });
    const key = 'migrating';
    const slot = keySlot(key);
    const sourcePort = await ownerOf(masters[0]!.port, slot);
    const targetPort = masters.map((m) => m.port).find((port) => port !== sourcePort)!;
    await cluster.set(key, 'before');
    await cluster.set('counter{migrating}', '0');
    const sourceId = ids.get(sourcePort)!;
    const targetId = ids.get(targetPort)!;
    await withNode(targetPort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'IMPORTING', sourceId]),
    );
    await withNode(sourcePort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId]),
    );
    await withNode(sourcePort, (c) =>
      c.command(['MIGRATE', '127.0.0.1', targetPort, '', 0, 5000, 'KEYS', key]),
    );
    // The source no longer has the key: it answers ASK, and the client
    // asks the target with ASKING.
    const asked = await withNode(sourcePort, (c) =>
      c.command(['GET', key]).catch((e: ReplyError) => e.message),
    );
    expect(asked).toBe(`ASK ${slot} 127.0.0.1:${targetPort}`);
    expect(await cluster.get(key)).toBe('before');
    // A key of the slot still on the source is served there.
    expect(await cluster.incr('counter{migrating}')).toBe(1);
    await withNode(sourcePort, (c) =>
      c.command(['MIGRATE', '127.0.0.1', targetPort, '', 0, 5000, 'KEYS', 'counter{migrating}']),
    );
    for (const master of masters)
      await withNode(master.port, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'NODE', targetId]));
    // The client's map still names the source: MOVED sends it to the target.
    expect(await cluster.incr('counter{migrating}')).toBe(2);
    expect(await cluster.get(key)).toBe('before');
    expect(await withNode(targetPort, (c) => c.command(['GET', 'counter{migrating}']))).toBe('2');
    // Given back, emptied, for the next tests.
    expect(await cluster.del(['counter{migrating}', key])).toBe(2);
    for (const master of masters)
      await withNode(master.port, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'NODE', sourceId]));
    expect(await cluster.set(key, 'back')).toBe('OK');
    expect(await withNode(sourcePort, (c) => c.command(['GET', key]))).toBe('back');
  });

  it('subscribes to shard channels on the master of their slot, to channels and patterns on one node, and merges the messages', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0 });
    using subscriber = cluster.createSubscriber();
    await subscriber.ready;
    const candidates = Array.from({ length: 100 }, (_, i) => `shard:${i}`);
    // One channel in each master's slots, and two sharing a slot.
    const names = [
      ...RANGES.map(([from, to]) =>
        candidates.find((name) => keySlot(name) >= from && keySlot(name) <= to),
      ),
      '{pair}a',
      '{pair}b',
    ] as string[];
    await subscriber.ssubscribe(...names);
    await subscriber.subscribe('news');
    await subscriber.psubscribe('n*');
    expect(subscriber.shardChannels).toEqual(names);
    expect(subscriber.channels).toEqual(['news']);
    expect(subscriber.patterns).toEqual(['n*']);
    for (const [i, master] of masters.entries()) {
      const [from, to] = RANGES[i]!;
      expect(await shardChannelsOf(master.port)).toEqual(
        names.filter((name) => keySlot(name) >= from && keySlot(name) <= to).sort(),
      );
    }
    // A subscriber connection (flag P) on each master for its shard
    // channels, and one somewhere for the channels and patterns.
    let subscribed = 0;
    for (const master of masters) {
      const list = String(await withNode(master.port, (c) => c.command(['CLIENT', 'LIST'])));
      subscribed += list.split('\n').filter((line) => / flags=P /.test(line)).length;
    }
    expect(subscribed).toBe(4);
    for (const name of names) expect(await cluster.spublish(name, `to ${name}`)).toBe(1);
    const received = [];
    for (const _ of names) received.push(await nextOf(subscriber));
    expect(received).toEqual(
      expect.arrayContaining(
        names.map((name) => ({ channel: name, message: `to ${name}`, shard: true })),
      ),
    );
    expect(received).toHaveLength(names.length);
    // PUBLISH reaches every node, whichever master runs it.
    await cluster.publish('news', 'hello');
    const both = [await nextOf(subscriber), await nextOf(subscriber)];
    expect(both).toEqual(
      expect.arrayContaining([
        { channel: 'news', message: 'hello' },
        { pattern: 'n*', channel: 'news', message: 'hello' },
      ]),
    );
    // With buffers: true, the bytes as sent.
    using raw = cluster.createSubscriber({ buffers: true });
    await raw.ssubscribe(names[1]!);
    expect(await cluster.spublish(names[1]!, Buffer.from([0xff, 0x00]))).toBe(2);
    expect(await nextOf(raw)).toEqual({
      channel: names[1],
      message: Buffer.from([0xff, 0x00]),
      shard: true,
    });
    await nextOf(subscriber);
    await raw.sunsubscribe();
    raw.close();
    // Unsubscribed where each is, two slots in one call.
    await subscriber.sunsubscribe(names[0]!, '{pair}a');
    expect(subscriber.shardChannels).toEqual(
      names.filter((n) => n !== names[0] && n !== '{pair}a'),
    );
    expect(await shardChannelsOf(masters[0]!.port)).toEqual(
      ['{pair}b'].filter((name) => keySlot(name) <= RANGES[0][1]),
    );
    await subscriber.sunsubscribe();
    expect(subscriber.shardChannels).toEqual([]);
    for (const master of masters) expect(await shardChannelsOf(master.port)).toEqual([]);
    await subscriber.unsubscribe();
    expect(subscriber.channels).toEqual([]);
    // Only text: a name is hashed again at every read of the map.
    await expect(subscriber.ssubscribe(42 as unknown as string)).rejects.toThrow(
      'Expected shard channel names as strings, got number',
    );
    expect(subscriber.shardChannels).toEqual([]);
    subscriber.close();
    expect(await subscriber.nextMessage()).toBeUndefined();
  });

  it('moves channels and patterns to another node when theirs stops answering', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0 });
    using subscriber = cluster.createSubscriber({ pingInterval: 200 });
    await subscriber.subscribe('news');
    await subscriber.psubscribe('n*');
    const subscribedOn = async (port: number) =>
      ((await withNode(port, (c) => c.command(['PUBSUB', 'NUMSUB', 'news']))) as unknown[])[1];
    const first = masters.find((m) => m.port !== masters[0]!.port && m.port !== masters[2]!.port)!;
    // The first lookup takes the second master of the map; the next, another.
    expect(await subscribedOn(first.port)).toBe(1);
    first.pause();
    try {
      await until('the channels to be on another node', async () => {
        for (const master of masters)
          if (master !== first && (await subscribedOn(master.port)) === 1) return true;
        return false;
      });
    } finally {
      first.resume();
    }
    await withNode(masters[0]!.port, (c) => c.command(['PUBLISH', 'news', 'still here']));
    const both = [await nextOf(subscriber), await nextOf(subscriber)];
    expect(both).toEqual(
      expect.arrayContaining([
        { channel: 'news', message: 'still here' },
        { pattern: 'n*', channel: 'news', message: 'still here' },
      ]),
    );
    expect(subscriber.channels).toEqual(['news']);
    expect(subscriber.patterns).toEqual(['n*']);
  });

  it("follows a shard channel whose slot moves: the node's unasked SUNSUBSCRIBE, a stale map's MOVED", async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0 });
    // Its map is read before the slot moves, and never again.
    await using stale = createCluster(seed, { refreshInterval: 0 });
    await stale.ready();
    using subscriber = cluster.createSubscriber();
    const channel = 'moving:channel';
    const slot = keySlot(channel);
    const source = await ownerOf(masters[0]!.port, slot);
    const target = masters.map((m) => m.port).find((port) => port !== source)!;
    await subscriber.ssubscribe(channel);
    // A plain subscriber on the source hears of the drop, and keeps nothing.
    const dropped: string[] = [];
    using direct = createSubscriber(`127.0.0.1:${source}`, {
      onShardChannelDropped: (name) => dropped.push(name),
    });
    await direct.ssubscribe(channel);
    expect(await shardChannelsOf(source)).toEqual([channel]);
    await moveSlot(
      slot,
      source,
      target,
      masters.map((m) => m.port),
    );
    await until('the channel to be subscribed on the new master', async () =>
      (await shardChannelsOf(target)).includes(channel),
    );
    await until('the plain subscriber to hear of the drop', async () => dropped.length > 0);
    expect(dropped).toEqual([channel]);
    expect(direct.shardChannels).toEqual([]);
    // The source no longer serves the slot: the server's own answer.
    await expect(direct.sunsubscribe(channel)).rejects.toThrow(`MOVED ${slot} 127.0.0.1:${target}`);
    expect(await shardChannelsOf(source)).toEqual([]);
    expect(subscriber.shardChannels).toEqual([channel]);
    expect(await withNode(target, (c) => c.command(['SPUBLISH', channel, 'moved']))).toBe(1);
    expect(await nextOf(subscriber)).toEqual({ channel, message: 'moved', shard: true });
    // A subscriber whose map still names the source follows its MOVED.
    using late = stale.createSubscriber();
    await late.ssubscribe(channel);
    expect(await withNode(target, (c) => c.command(['PUBSUB', 'SHARDNUMSUB', channel]))).toEqual([
      channel,
      2,
    ]);
    // And back.
    await moveSlot(
      slot,
      target,
      source,
      masters.map((m) => m.port),
    );
    await until('both subscribers to be back on the source', async () => {
      const reply = await withNode(source, (c) => c.command(['PUBSUB', 'SHARDNUMSUB', channel]));
      return (reply as unknown[])[1] === 2;
    });
    expect(await shardChannelsOf(target)).toEqual([]);
    expect(await withNode(source, (c) => c.command(['SPUBLISH', channel, 'back']))).toBe(2);
    expect(await nextOf(subscriber)).toEqual({ channel, message: 'back', shard: true });
    expect(await nextOf(late)).toEqual({ channel, message: 'back', shard: true });
  });

  it("leases a connection of its own to a key's master: BLPOP holds back no shared command, WATCH works, maxLeases bounds them", async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0, maxLeases: 1 });
    const key = '{jobs}queue';
    const port = await ownerOf(masters[0]!.port, keySlot(key));
    await cluster.set('{jobs}count', '0');
    const lease = await cluster.lease(key);
    const popped = lease.client.blpop(key, 5);
    // The shared connection to the same master serves on meanwhile.
    expect(await cluster.incr('{jobs}count')).toBe(1);
    expect(await cluster.rpush(key, ['job 1'])).toBe(1);
    expect(await popped).toEqual([key, 'job 1']);
    // The lease is on the slot's master, on a connection apart from the shared one.
    const lines = String(await withNode(port, (c) => c.command(['CLIENT', 'LIST'])))
      .trim()
      .split('\n')
      .filter((line) => / cmd=(blpop|incr|rpush) /.test(line));
    expect(lines).toHaveLength(2);
    // WATCH: a change by another connection makes EXEC run nothing.
    await lease.client.watch('{jobs}count');
    await cluster.incr('{jobs}count');
    expect(await lease.client.multi().set('{jobs}count', '100').exec()).toBeNull();
    expect(await cluster.get('{jobs}count')).toBe('2');
    // One lease out: the next waits, until the signal gives up.
    const waiting = await cluster
      .lease('other', { signal: AbortSignal.timeout(100) })
      .catch((e: Error) => e.name);
    expect(waiting).toBe('TimeoutError');
    await lease.release();
    await expect(lease.client.get(key)).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await using next = await cluster.lease('other');
    expect(await next.client.set('other', 'x')).toBe('OK');
    // A key of another master's slot is not routed: the server's MOVED.
    const shard = (k: string) => RANGES.findIndex(([, to]) => keySlot(k) <= to);
    const elsewhere = Array.from({ length: 50 }, (_, i) => `e:${i}`).find(
      (k) => shard(k) !== shard('other'),
    )!;
    await expect(next.client.get(elsewhere)).rejects.toThrow(
      `MOVED ${keySlot(elsewhere)} 127.0.0.1:${masters[shard(elsewhere)]!.port}`,
    );
    await cluster.del(['{jobs}count', 'other']);
  });

  it('sends a transaction again, whole, to the new master when its slot moved (EXEC ran nothing)', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0 });
    const [a, b] = ['{moved-tx}:a', '{moved-tx}:b'];
    const slot = keySlot(a);
    const sourcePort = await ownerOf(masters[0]!.port, slot);
    const targetPort = masters.map((m) => m.port).find((port) => port !== sourcePort)!;
    // The client learns the map while the slot is the source's.
    expect(await cluster.exists([a, b])).toBe(0);
    const assign = async (port: number) => {
      for (const master of masters)
        await withNode(master.port, (c) =>
          c.command(['CLUSTER', 'SETSLOT', slot, 'NODE', ids.get(port)!]),
        );
    };
    await assign(targetPort);
    try {
      // Queued on the source, refused with MOVED: EXECABORT, nothing ran;
      // then the whole transaction again on the target.
      const replies = await cluster.multi().set(a, '1').command(['INCR', a]).get(a).exec();
      expect(replies).toEqual(['OK', 2, '2']);
      expect(await withNode(targetPort, (c) => c.command(['GET', a]))).toBe('2');
      expect(await cluster.del([a])).toBe(1);
    } finally {
      await assign(sourcePort);
    }
  });

  it('sends a transaction again, whole and after ASKING, to the node importing its slot (EXEC ran nothing)', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0 });
    const key = '{ask-tx}:n';
    const slot = keySlot(key);
    const sourcePort = await ownerOf(masters[0]!.port, slot);
    const targetPort = masters.map((m) => m.port).find((port) => port !== sourcePort)!;
    const [sourceId, targetId] = [ids.get(sourcePort)!, ids.get(targetPort)!];
    await cluster.ready();
    await withNode(targetPort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'IMPORTING', sourceId]),
    );
    await withNode(sourcePort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId]),
    );
    try {
      // The key is on neither: the source answers ASK to each queued command.
      const replies = await cluster.multi().set(key, '1').command(['INCR', key]).get(key).exec();
      expect(replies).toEqual(['OK', 2, '2']);
      expect(
        await withNode(targetPort, (c) =>
          c.command(['ASKING']).then(() => c.command(['GET', key])),
        ),
      ).toBe('2');
    } finally {
      await withNode(targetPort, (c) => c.command(['DEL', key]).catch(() => 0));
      for (const port of [sourcePort, targetPort])
        await withNode(port, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'STABLE']));
    }
  });

  it('waits out TRYAGAIN while a multi-key command spans a slot half migrated, and gives up after maxRedirections', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0, retryDelay: 20 });
    await using impatient = createCluster(seed, {
      refreshInterval: 0,
      retryDelay: 5,
      maxRedirections: 2,
    });
    const [a, b] = ['{half}:a', '{half}:b'];
    const slot = keySlot(a);
    const sourcePort = await ownerOf(masters[0]!.port, slot);
    const targetPort = masters.map((m) => m.port).find((port) => port !== sourcePort)!;
    const [sourceId, targetId] = [ids.get(sourcePort)!, ids.get(targetPort)!];
    await cluster.mset({ [a]: '1', [b]: '2' });
    await impatient.ready();
    await withNode(targetPort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'IMPORTING', sourceId]),
    );
    await withNode(sourcePort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId]),
    );
    await withNode(sourcePort, (c) =>
      c.command(['MIGRATE', '127.0.0.1', targetPort, '', 0, 5000, 'KEYS', a]),
    );
    // Half the keys moved: the source answers TRYAGAIN, which ran nothing.
    const error = await impatient.mget([a, b]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).message).toBe(
      'TRYAGAIN Multiple keys request during rehashing of slot',
    );
    // A timeout bounds the command whole: it fails at the deadline,
    // saying it did not run, long before 200 redirections 50 ms apart.
    await using timed = createCluster(seed, {
      refreshInterval: 0,
      retryDelay: 50,
      maxRedirections: 200,
      commandTimeout: 300,
    });
    await timed.ready();
    const startedAt = Date.now();
    const late = await timed.mget([a, b]).catch((e: unknown) => e);
    expect(ClientError.is(late) && late.code).toBe('ERR_TIMEOUT');
    expect((late as Error).message).toBe(
      "MGET timed out while following the cluster's redirections: it did not run",
    );
    expect(Date.now() - startedAt).toBeLessThan(5000);
    const perCall = await timed.mget([a, b], { timeout: 100 }).catch((e: unknown) => e);
    expect(ClientError.is(perCall) && perCall.code).toBe('ERR_TIMEOUT');
    // The patient client is still trying when the migration ends.
    const waiting = cluster.mget([a, b]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await withNode(sourcePort, (c) =>
      c.command(['MIGRATE', '127.0.0.1', targetPort, '', 0, 5000, 'KEYS', b]),
    );
    for (const master of masters)
      await withNode(master.port, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'NODE', targetId]));
    expect(await waiting).toEqual(['1', '2']);
    expect(await cluster.del([a, b])).toBe(2);
    for (const master of masters)
      await withNode(master.port, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'NODE', sourceId]));
  });

  it('fails with ERR_CLUSTER when the nodes send a command back and forth', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 0, maxRedirections: 3 });
    const key = 'ping-pong';
    const slot = keySlot(key);
    const sourcePort = await ownerOf(masters[0]!.port, slot);
    const targetPort = masters.map((m) => m.port).find((port) => port !== sourcePort)!;
    // Migrating on the source only: the source says ASK the target, and
    // the target, which imports nothing, says MOVED back to the source.
    await withNode(sourcePort, (c) =>
      c.command(['CLUSTER', 'SETSLOT', slot, 'MIGRATING', ids.get(targetPort)!]),
    );
    try {
      const error = await cluster.get(key).catch((e: unknown) => e);
      expect(ClientError.is(error) && error.code).toBe('ERR_CLUSTER');
      expect((error as Error).message).toBe(
        `GET was redirected more than 3 times (maxRedirections); the last: MOVED ${slot} 127.0.0.1:${sourcePort}`,
      );
    } finally {
      await withNode(sourcePort, (c) => c.command(['CLUSTER', 'SETSLOT', slot, 'STABLE']));
    }
    expect(await cluster.get(key)).toBeNull();
  });

  it('reaches the nodes by the addresses mapAddress gives', async () => {
    const asked: string[] = [];
    await using cluster = createCluster(`localhost:${masters[1]!.port}`, {
      mapAddress: ({ host, port }) => {
        asked.push(`${host}:${port}`);
        return { host: 'localhost', port };
      },
    });
    await cluster.set('mapped', 'yes');
    expect(await cluster.get('mapped')).toBe('yes');
    // Every master of the map went through it.
    for (const master of masters.slice(1)) expect(asked).toContain(`127.0.0.1:${master.port}`);
    const clients = await cluster.masters();
    expect(clients).toHaveLength(3);
    for (const client of clients) await client.close();
  });

  it('rejects commands once closed, and closes every connection', async () => {
    const cluster = createCluster(seed);
    await cluster.set('closing', '1');
    await cluster.close();
    await expect(cluster.get('closing')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await expect(cluster.ready()).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await cluster.close();
  });

  it('routes by the first argument, following MOVED, for an ACL user refused COMMAND', async () => {
    for (const node of nodes)
      await withNode(node.port, (c) =>
        c.command(['ACL', 'SETUSER', 'nocommand', 'on', '>pw', '~*', '&*', '+@all', '-command']),
      );
    try {
      await using cluster = createCluster(seed, { username: 'nocommand', password: 'pw' });
      const keys = Array.from({ length: 30 }, (_, i) => `guess:${i}`);
      await Promise.all(keys.map((key) => cluster.set(key, key)));
      expect(await Promise.all(keys.map((key) => cluster.get(key)))).toEqual(keys);
      // EVAL's first argument is its script, whose slot's master does not
      // serve the key: that node answers MOVED, and the client follows.
      const script = "return redis.call('GET', KEYS[1])";
      const scriptOwner = await ownerOf(masters[0]!.port, keySlot(script));
      let elsewhere: string | undefined;
      for (const key of keys)
        if ((await ownerOf(masters[0]!.port, keySlot(key))) !== scriptOwner) elsewhere ??= key;
      expect(await cluster.eval(script, [elsewhere!], [])).toBe(elsewhere);
      expect(await cluster.del(keys.slice(0, 1))).toBe(1);
    } finally {
      for (const node of nodes)
        await withNode(node.port, (c) => c.command(['ACL', 'DELUSER', 'nocommand']));
    }
  });

  it('refuses what a shared connection cannot take, and database options', async () => {
    await using cluster = createCluster(seed);
    await expect(cluster.select(1)).rejects.toThrow(TypeError);
    await expect(cluster.command(['SUBSCRIBE', 'c'])).rejects.toThrow(TypeError);
    // Arguments that are none (from JavaScript) get the encoder's own
    // TypeError, whether in the name or in a key, and nothing is sent.
    const notAnArgument =
      'Expected a command argument to be a string, bytes, a finite number or a bigint, got object';
    await expect(cluster.command([null as never])).rejects.toThrow(notAnArgument);
    await expect(cluster.command(['GET', {} as never])).rejects.toThrow(notAnArgument);
    await expect(cluster.command([])).rejects.toThrow(
      'Expected a command as an array of at least one argument (its name), got an empty array',
    );
    expect(await cluster.command(['PING'])).toBe('PONG');
    // A subscriber's options are checked when it is made, not at a later read of the map.
    expect(() => cluster.createSubscriber({ pingInterval: -1 })).toThrow(
      'Expected `pingInterval` to be an integer >= 0, got -1',
    );
    expect(() => createCluster(`redis://127.0.0.1:${masters[0]!.port}/2`)).toThrow(
      'A cluster has database 0 only, got database 2',
    );
    expect(() => createCluster([])).toThrow(RangeError);
  });

  it('says clearly when the seed is not a cluster, or cannot be reached', async () => {
    const plain = await startRealRedis();
    try {
      await using cluster = createCluster(`127.0.0.1:${plain.port}`);
      const error = await cluster.get('k').catch((e: unknown) => e);
      expect(ClientError.is(error) && error.code).toBe('ERR_CLUSTER');
      expect((error as Error).message).toBe(
        `No cluster node gave its slot map: 127.0.0.1:${plain.port}: it is not in cluster mode (ERR This instance has cluster support disabled)`,
      );
    } finally {
      await plain.stop();
    }
    await using down = createCluster(`127.0.0.1:${plain.port}`);
    const error = await down.ready().catch((e: unknown) => e);
    expect(ClientError.is(error) && error.code).toBe('ERR_NOT_CONNECTED');
  });

  it("serves reads from the slot master's replica with readFrom: 'replica', and writes from the master", async () => {
    await using cluster = createCluster(seed, { readFrom: 'replica' });
    // The range with a replica, and its two nodes, by the cluster's word
    // (a replica is listed once the master has heard of its replication
    // offset, gossiped on the cluster bus).
    let found: unknown[] | undefined;
    await until('CLUSTER SLOTS to list the replica', async () => {
      const slots = (await withNode(masters[1]!.port, (c) =>
        c.command(['CLUSTER', 'SLOTS']),
      )) as unknown[][];
      found = slots.find((entry) => entry.length > 3);
      return found !== undefined;
    });
    const range = found!;
    const masterPort = Number((range[2] as unknown[])[1]);
    const replicaPort = Number((range[3] as unknown[])[1]);
    const inRange = (key: string) =>
      Number(range[0]) <= keySlot(key) && keySlot(key) <= Number(range[1]);
    const key = Array.from({ length: 100 }, (_, i) => `read:${i}`).find(inRange)!;
    const elsewhere = Array.from({ length: 100 }, (_, i) => `read:${i}`).find((k) => !inRange(k))!;
    const calls = async (port: number, command: string) =>
      Number(
        new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await info(port, 'commandstats'))?.[1] ??
          0,
      );
    await cluster.set(key, 'replicated');
    await cluster.set(elsewhere, 'on a master alone');
    expect(await withNode(masterPort, (c) => c.command(['WAIT', 1, 5000]))).toBe(1);
    const [replicaGets, masterGets, masterSets] = [
      await calls(replicaPort, 'get'),
      await calls(masterPort, 'get'),
      await calls(masterPort, 'set'),
    ];
    for (let i = 0; i < 10; i++) expect(await cluster.get(key)).toBe('replicated');
    expect(await calls(replicaPort, 'get')).toBe(replicaGets + 10);
    expect(await calls(masterPort, 'get')).toBe(masterGets);
    expect(await cluster.set(key, 'again')).toBe('OK');
    expect(await calls(masterPort, 'set')).toBe(masterSets + 1);
    // A slot whose master has no replica is read from its master.
    expect(await cluster.get(elsewhere)).toBe('on a master alone');
    // The replica's connection said READONLY, and only that one.
    const list = String(await withNode(replicaPort, (c) => c.command(['CLIENT', 'LIST'])));
    expect(list.split('\n').filter((line) => / flags=r /.test(line))).toHaveLength(1);
  });

  it('follows a failover of a master to its replica', async () => {
    await using cluster = createCluster(seed, { refreshInterval: 200 });
    const [key, channel] = Array.from({ length: 100 }, (_, i) => `f:${i}`).filter(
      (k) => keySlot(k) <= RANGES[0][1],
    ) as [string, string];
    await cluster.set(key, 'one');
    using subscriber = cluster.createSubscriber();
    await subscriber.ssubscribe(channel);
    expect(await shardChannelsOf(masters[0]!.port)).toEqual([channel]);
    await withNode(replica.port, (c) => c.command(['CLUSTER', 'FAILOVER']));
    await until('the replica to take over', async () =>
      (await info(replica.port, 'replication')).includes('role:master'),
    );
    // The shard channel follows its slot to the new master, and leaves the old one.
    await until(
      'the shard channel to move',
      async () =>
        (await shardChannelsOf(replica.port)).includes(channel) &&
        (await shardChannelsOf(masters[0]!.port)).length === 0,
    );
    for (const message of ['one', 'two'])
      expect(await withNode(replica.port, (c) => c.command(['SPUBLISH', channel, message]))).toBe(
        1,
      );
    // Each once.
    expect(await nextOf(subscriber)).toEqual({ channel, message: 'one', shard: true });
    expect(await nextOf(subscriber)).toEqual({ channel, message: 'two', shard: true });
    // The old master now answers MOVED; the client follows it.
    expect(await cluster.set(key, 'two')).toBe('OK');
    expect(await withNode(replica.port, (c) => c.command(['GET', key]))).toBe('two');
    await until(
      'the map to name the new master',
      async () =>
        (await cluster.masters()).length === 3 &&
        (await ownerOf(masters[1]!.port, 0)) === replica.port,
    );
  });
  it('fails a command in flight to a master that dies as one that may have run, and sends the queued ones once it is back', async () => {
    // Patient enough for a restarted node's CLUSTERDOWN (it waits 2 s
    // before it serves again).
    await using cluster = createCluster(seed, { refreshInterval: 0, retryDelay: 300 });
    const victim = masters[2]!; // a master with no replica
    const inVictim = (key: string) => keySlot(key) >= RANGES[2][0];
    const keys = Array.from({ length: 100 }, (_, i) => `down:${i}`);
    const [key, counter, channel] = keys.filter(inVictim) as [string, string, string];
    const other = keys.find((k) => !inVictim(k))!;
    await cluster.set(key!, 'before');
    using subscriber = cluster.createSubscriber();
    await subscriber.ssubscribe(channel);
    victim.pause();
    const inFlight = cluster.incr(counter!).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await victim.kill();
    const error = await inFlight;
    expect(ClientError.is(error) && error.code).toBe('ERR_CONNECTION_LOST');
    // The other masters serve on.
    expect(await cluster.set(other, 'fine')).toBe('OK');
    const queued = cluster.set(key!, 'after');
    await victim.restart();
    expect(await queued).toBe('OK');
    expect(await withNode(victim.port, (c) => c.command(['GET', key!]))).toBe('after');
    // Its shard channel subscribed again once the node serves (CLUSTERDOWN before).
    await until('the shard channel to be restored', async () =>
      (await shardChannelsOf(victim.port)).includes(channel),
    );
    expect(await cluster.spublish(channel, 'back')).toBe(1);
    expect(await nextOf(subscriber)).toEqual({ channel, message: 'back', shard: true });
  }, 30_000);
});

describe.skipIf(!enabled)('createCluster with a password', () => {
  // A cluster of one master holding every slot, with requirepass.
  let node: ServerProcess;

  beforeAll(async () => {
    node = await startRealRedis([
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--requirepass',
      's3cret',
    ]);
    const open = () => connect(`127.0.0.1:${node.port}`, { password: 's3cret' });
    {
      using client = await open();
      await client.command(['CLUSTER', 'ADDSLOTSRANGE', 0, 16383]);
    }
    await until('the cluster to be ok', async () => {
      using client = await open();
      return String(await client.command(['CLUSTER', 'INFO'])).includes('cluster_state:ok');
    });
  }, 30_000);

  afterAll(async () => {
    await node?.stop();
  });

  it("authenticates every connection with the seed address's password, or the option's", async () => {
    await using fromAddress = createCluster(`redis://:s3cret@127.0.0.1:${node.port}`);
    expect(await fromAddress.set('secret', 'kept')).toBe('OK');
    await using fromOption = createCluster(`127.0.0.1:${node.port}`, { password: 's3cret' });
    expect(await fromOption.get('secret')).toBe('kept');
    await using without = createCluster(`127.0.0.1:${node.port}`);
    const error = await without.get('secret').catch((e: unknown) => e);
    expect(ClientError.is(error) && error.code).toBe('ERR_CLUSTER');
    expect((error as Error).message).toMatch(
      new RegExp(`^No cluster node gave its slot map: 127\\.0\\.0\\.1:${node.port}: NOAUTH`),
    );
  });

  it("subscribes with the cluster's credentials, and rejects a shard channel the ACL user may not use", async () => {
    {
      using admin = await connect(`127.0.0.1:${node.port}`, { password: 's3cret' });
      await admin.command([
        'ACL',
        'SETUSER',
        'reader',
        'on',
        '>pw',
        'resetchannels',
        '&allowed:*',
        '+@all',
        '~*',
      ]);
    }
    await using cluster = createCluster(`redis://reader:pw@127.0.0.1:${node.port}`);
    using subscriber = cluster.createSubscriber();
    await subscriber.ssubscribe('allowed:1');
    const refused = await subscriber.ssubscribe('forbidden', 'allowed:2').catch((e: Error) => e);
    expect(refused).toBeInstanceOf(ReplyError);
    expect((refused as ReplyError).message).toBe(
      'NOPERM this user has no permissions to access one of the channels used as arguments',
    );
    // Refused: not wanted. The other slot's channel was taken.
    expect(subscriber.shardChannels).toEqual(['allowed:1', 'allowed:2']);
    expect(await cluster.spublish('allowed:2', 'hi')).toBe(1);
    expect(await nextOf(subscriber)).toEqual({ channel: 'allowed:2', message: 'hi', shard: true });
  });
});
