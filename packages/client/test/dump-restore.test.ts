// DUMP and RESTORE through the typed methods, against a real redis-server
// (over RESP3 and RESP2) and @mini-redis/server; then a payload from each
// kind of server restored on the other.
import { createServer } from '@mini-redis/server';
import { hasRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

describe.each(targets)('dump and restore against $name', (target) => {
  const skip = !target.enabled;
  const clientOf = useTargetClient(target);
  let client: RedisClient;

  beforeEach(async () => {
    if (skip) return;
    client = clientOf();
    await client.flushall();
  });

  it.skipIf(skip)('copies a value through its payload, with options', async () => {
    await client.hset('h', { a: '1', b: 'two' });
    const payload = await client.dump('h');
    expect(Buffer.isBuffer(payload)).toBe(true);
    expect(await client.dump('missing')).toBeNull();
    expect(await client.restore('copy', 60_000, payload!, { IDLETIME: 30 })).toBe('OK');
    // First: a read makes the key used now.
    expect(await client.objectIdletime('copy')).toBe(30);
    expect(await client.hgetall('copy')).toEqual({ a: '1', b: 'two' });
    expect(await client.ttl('copy')).toBe(60);
    await expect(client.restore('copy', 0, payload!)).rejects.toThrow(
      'BUSYKEY Target key name already exists.',
    );
    expect(await client.restore('copy', 0, payload!, { REPLACE: true })).toBe('OK');
    expect(await client.ttl('copy')).toBe(-1);
    // A deadline already past creates nothing.
    expect(await client.restore('gone', 1, payload!, { ABSTTL: true })).toBe('OK');
    expect(await client.exists('gone')).toBe(0);
    await expect(client.restore('bad', 0, Buffer.from('not a payload'))).rejects.toThrow(
      'ERR DUMP payload version or checksum are wrong',
    );
  });
});

describe.skipIf(!hasRedis())('dump and restore between Redis and @mini-redis/server', () => {
  let redis: Awaited<ReturnType<typeof startRealRedis>>;
  const ours = createServer({ port: 0 });
  let theirs: RedisClient;
  let mine: RedisClient;

  beforeAll(async () => {
    redis = await startRealRedis();
    const { port } = await ours.listen();
    theirs = createClient(`127.0.0.1:${redis.port}`);
    mine = createClient(`127.0.0.1:${port}`);
  });

  afterAll(async () => {
    await theirs?.close();
    await mine?.close();
    await ours.close();
    await redis?.stop();
  });

  it('moves every type both ways', async () => {
    for (const [from, to] of [
      [theirs, mine],
      [mine, theirs],
    ] as const) {
      await from.flushall();
      await to.flushall();
      await from.set('s', 'text');
      await from.rpush('l', ['a', 'b', '3']);
      await from.sadd('set', ['1', '2', 'x']);
      await from.zadd('z', { a: 1, b: 2.5 });
      await from.hset('h', { f: 'v' });
      await from.xadd('x', '1-1', { field: 'value' });
      for (const key of ['s', 'l', 'set', 'z', 'h', 'x'])
        expect(await to.restore(key, 0, (await from.dump(key))!)).toBe('OK');
      expect(await to.get('s')).toBe('text');
      expect(await to.lrange('l', 0, -1)).toEqual(['a', 'b', '3']);
      expect((await to.smembers('set')).sort()).toEqual(['1', '2', 'x']);
      expect(await to.zrange('z', 0, -1)).toEqual(['a', 'b']);
      expect(await to.hgetall('h')).toEqual({ f: 'v' });
      expect(await to.xlen('x')).toBe(1);
    }
  });
});
