// Client-side caching (the `cache` option), against @mini-redis/server and
// a real redis-server over RESP3; over RESP2 the handshake must refuse it.
// A second, plain client changes keys behind the cached one, and MONITOR
// on a third shows which reads reached the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientError,
  createClient,
  createMonitor,
  createPool,
  type RedisClient,
} from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';
import { targets } from './targets.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits until `check` holds (invalidations arrive asynchronously).
async function eventually(check: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

for (const target of targets.filter((t) => t.protocol === 3)) {
  describe.skipIf(!target.enabled)(`client-side caching on ${target.name}`, () => {
    let address = '';
    let stop: () => Promise<void> = async () => {};
    beforeAll(async () => {
      ({ address, stop } = await target.start());
    });
    afterAll(() => stop());

    async function clients(): Promise<{ cached: RedisClient; writer: RedisClient }> {
      const writer = createClient(address);
      await writer.flushall();
      const cached = createClient(address, { cache: true });
      await cached.ready();
      return { cached, writer };
    }

    it('answers a repeated read from the cache until another connection changes the key', async () => {
      const { cached, writer } = await clients();
      await using _c = cached;
      await using _w = writer;
      await writer.set('k', 'v1');
      await using monitor = await createMonitor(address);
      const seen: string[] = [];
      const watching = (async () => {
        for await (const event of monitor) seen.push(event.args.join(' '));
      })();
      expect(await cached.get('k')).toBe('v1');
      expect(await cached.get('k')).toBe('v1');
      expect(await cached.get('k')).toBe('v1');
      expect(cached.cacheStats()).toEqual({ size: 1, hits: 2, misses: 1, invalidated: 0 });
      await writer.set('k', 'v2');
      await eventually(() => cached.cacheStats()!.size === 0);
      expect(await cached.get('k')).toBe('v2');
      await writer.ping('done');
      await eventually(() => seen.includes('PING done'));
      expect(seen.filter((line) => line === 'GET k')).toHaveLength(2);
      await monitor.close();
      await watching;
    });

    it('keeps each reply apart by command, arguments and Buffer-ness, and hands out copies', async () => {
      const { cached, writer } = await clients();
      await using _c = cached;
      await using _w = writer;
      await writer.hset('h', { a: '1', b: '2' });
      await writer.rpush('l', ['x', 'y', 'z']);
      expect(await cached.hgetall('h')).toEqual({ a: '1', b: '2' });
      expect(await cached.lrange('l', 0, 1)).toEqual(['x', 'y']);
      expect(await cached.lrange('l', 1, 2)).toEqual(['y', 'z']);
      expect(await cached.getBuffer('missing')).toBeNull();
      await writer.set('s', 'bytes');
      const buffer = (await cached.getBuffer('s'))!;
      buffer.fill(0);
      expect((await cached.getBuffer('s'))!.toString()).toBe('bytes');
      expect(await cached.get('s')).toBe('bytes');
      const list = await cached.lrange('l', 0, -1);
      list.push('changed by the caller');
      expect(await cached.lrange('l', 0, -1)).toEqual(['x', 'y', 'z']);
      expect(cached.cacheStats()!.hits).toBe(2);
      // One change drops every reply that read the key.
      await writer.rpush('l', ['w']);
      await eventually(async () => (await cached.lrange('l', 0, -1)).length === 4);
      expect(await cached.lrange('l', 0, 1)).toEqual(['x', 'y']);
      expect(await cached.hgetall('h')).toEqual({ a: '1', b: '2' });
    });

    it('drops everything on a flush, on SELECT, and when the connection drops', async () => {
      const { cached, writer } = await clients();
      await using _c = cached;
      await using _w = writer;
      await writer.mset({ a: '1', b: '2' });
      expect(await cached.mget(['a', 'b'])).toEqual(['1', '2']);
      expect(cached.cacheStats()!.size).toBe(1);
      await writer.flushdb();
      await eventually(() => cached.cacheStats()!.size === 0);
      await writer.set('a', '3');
      expect(await cached.get('a')).toBe('3');
      await cached.command(['SELECT', '1']);
      expect(cached.cacheStats()!.size).toBe(0);
      expect(await cached.get('a')).toBeNull();
      await cached.command(['SELECT', '0']);
      expect(await cached.get('a')).toBe('3');
      // Killed from outside: the cache empties, and tracking comes back
      // with the new connection.
      const id = (await cached.clientId()) as number;
      await writer.command(['CLIENT', 'KILL', 'ID', String(id)]);
      await eventually(() => cached.cacheStats()!.size === 0);
      expect(await cached.get('a')).toBe('3');
      expect(await cached.clientTrackinginfo()).toEqual({
        flags: ['on'],
        redirect: 0,
        prefixes: [],
      });
      await writer.set('a', '4');
      await eventually(async () => (await cached.get('a')) === '4');
    });

    it('sends what it cannot keep: time, chance, writes, errors, pipelines', async () => {
      const { cached, writer } = await clients();
      await using _c = cached;
      await using _w = writer;
      await writer.set('k', 'v', { PX: 100_000 });
      await writer.hset('h', { f: 'v' });
      const before = cached.cacheStats()!;
      await cached.pttl('k');
      await cached.pttl('k');
      await cached.command(['SRANDMEMBER', 'nothing']);
      await expect(cached.get('h')).rejects.toThrow('WRONGTYPE');
      await expect(cached.get('h')).rejects.toThrow('WRONGTYPE');
      const [a, b] = await cached.pipeline().get('k').get('k').exec();
      expect([a, b]).toEqual(['v', 'v']);
      expect(cached.cacheStats()).toEqual({ ...before, misses: before.misses + 2 });
    });

    it('bounds the cache by maxEntries, least recently used first, and by ttl', async () => {
      const writer = createClient(address);
      await using _w = writer;
      await writer.flushall();
      await writer.mset({ a: '1', b: '2', c: '3' });
      await using small = createClient(address, { cache: { maxEntries: 2 } });
      await small.get('a');
      await small.get('b');
      await small.get('a');
      await small.get('c');
      expect(small.cacheStats()).toMatchObject({ size: 2, hits: 1, misses: 3 });
      await small.get('a');
      expect(small.cacheStats()).toMatchObject({ hits: 2 });
      await small.get('b');
      expect(small.cacheStats()).toMatchObject({ misses: 4 });
      await using brief = createClient(address, { cache: { ttl: 30 } });
      await brief.get('a');
      await brief.get('a');
      await sleep(60);
      await brief.get('a');
      expect(brief.cacheStats()).toMatchObject({ hits: 1, misses: 2 });
      expect(() => createClient(address, { cache: { maxEntries: 0 } })).toThrow(RangeError);
    });

    it('refuses CLIENT TRACKING through command(), but not on a lease', async () => {
      await using client = createClient(address);
      await expect(client.command(['CLIENT', 'TRACKING', 'OFF'])).rejects.toThrow(
        /CLIENT TRACKING on a connection the client reopens/,
      );
      expect(await client.clientGetredir()).toBe(-1);
      await using pool = createPool(address, { size: 1, cache: true });
      await using lease = await pool.lease();
      expect(await lease.client.command(['CLIENT', 'TRACKING', 'ON'])).toBe('OK');
      expect(await lease.client.clientTrackinginfo()).toEqual({
        flags: ['on'],
        redirect: 0,
        prefixes: [],
      });
      expect(lease.client.cacheStats()).toBeNull();
      // The routed connection has a cache of its own.
      const routed = pool.client();
      expect(await routed.get('nothing')).toBeNull();
      expect(await routed.get('nothing')).toBeNull();
      expect(routed.cacheStats()).toMatchObject({ hits: 1, misses: 1 });
      // The pool's figures sum its routed connections'.
      expect(pool.cacheStats()).toMatchObject({ size: 1, hits: 1, misses: 1 });
      await using plain = createPool(address, { size: 2 });
      expect(plain.cacheStats()).toBeNull();
    });
  });
}

const resp2 = targets.find((t) => t.protocol === 2)!;
describe.skipIf(!resp2.enabled)(`client-side caching on ${resp2.name}`, () => {
  it('fails the handshake: invalidations need RESP3', async () => {
    const { address, stop } = await resp2.start();
    try {
      await using client = createClient(address, { cache: true, reconnect: false });
      const error = await client.ready().catch((e: unknown) => e);
      expect(ClientError.is(error) && error.code).toBe('ERR_NOT_CONNECTED');
      expect(String((error as Error & { cause?: unknown }).cause ?? error)).toMatch(/needs RESP3/);
    } finally {
      await stop();
    }
  });
});

// A scripted server: its replies and pushes come exactly when the test
// writes them, so an invalidation can come in a later read than the reply
// of the write that caused it.
describe('client-side caching: this connection reads its own writes', () => {
  it('sends reads after a write until a later reply proves its invalidations were read', async () => {
    const server = await new ControlledServer().start();
    try {
      await using client = createClient(`127.0.0.1:${server.port}`, { cache: true });
      const ready = client.ready();
      await until(() => server.pending === 1);
      expect(server.commands.at(-1)).toEqual(['CLIENT', 'TRACKING', 'ON']);
      server.reply(1);
      await ready;
      const first = client.get('k');
      await until(() => server.pending === 1);
      server.reply(1, '$2\r\nv1\r\n');
      expect(await first).toBe('v1');
      expect(await client.get('k')).toBe('v1');
      expect(server.commands.length).toBe(2);
      // The write's reply comes; its invalidation does not, yet.
      const write = client.set('k', 'v2');
      await until(() => server.pending === 1);
      server.reply(1);
      expect(await write).toBe('OK');
      const read = client.get('k');
      // Sent, not answered from the cache.
      await until(() => server.pending === 1);
      expect(server.commands.at(-1)).toEqual(['GET', 'k']);
      server.reply(1, '>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n$2\r\nv2\r\n');
      expect(await read).toBe('v2');
      // Settled: hits again.
      expect(await client.get('k')).toBe('v2');
      expect(server.commands.length).toBe(4);
      // A write still in flight holds reads back too, in the order sent.
      const pending = client.set('k', 'v3');
      const after = client.get('k');
      await until(() => server.pending === 2);
      expect(server.commands.slice(-2)).toEqual([
        ['SET', 'k', 'v3'],
        ['GET', 'k'],
      ]);
      server.reply(1);
      server.reply(1, '>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n$2\r\nv3\r\n');
      expect(await pending).toBe('OK');
      expect(await after).toBe('v3');
      expect(client.cacheStats()).toMatchObject({ size: 1, hits: 2 });
    } finally {
      await server.stop();
    }
  });
});
