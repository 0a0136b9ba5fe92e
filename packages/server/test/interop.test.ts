// Real clients against our server: ioredis and node-redis with default
// options, and redis-cli (Debian's redis-tools) printing each reply type.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis as IORedis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { hasRedis, startServer } from './helpers.js';

const run = promisify(execFile);
let server: Server;
let port: number;

beforeAll(async () => {
  ({ server, port } = await startServer());
});

afterAll(async () => {
  await server.close();
});

describe('ioredis (default options)', () => {
  it('runs strings, keys, expiry and pub/sub commands', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    const subscriber = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      await subscriber.connect();
      expect(await redis.set('io:a', 'hello')).toBe('OK');
      expect(await redis.get('io:a')).toBe('hello');
      expect(await redis.incrby('io:n', 5)).toBe(5);
      expect(await redis.mget('io:a', 'io:missing')).toEqual(['hello', null]);
      expect(await redis.expire('io:a', 100)).toBe(1);
      expect(await redis.ttl('io:a')).toBe(100);
      expect(await redis.del('io:a', 'io:n')).toBe(2);
      const received = new Promise<[string, string]>((resolve) =>
        subscriber.on('message', (channel: string, message: string) => resolve([channel, message])),
      );
      expect(await subscriber.subscribe('io:news')).toBe(1);
      expect(await redis.publish('io:news', 'hi')).toBe(1);
      expect(await received).toEqual(['io:news', 'hi']);
      await expect(redis.call('nope')).rejects.toThrow(
        "ERR unknown command 'nope', with args beginning with: ",
      );
    } finally {
      redis.disconnect();
      subscriber.disconnect();
    }
  });
});

describe('ioredis transactions', () => {
  it('runs multi().exec(), and a WATCH broken by another connection makes exec() resolve null', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    const other = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      await other.connect();
      expect(await redis.multi().set('io:tx', '1').incr('io:tx').get('io:tx').exec()).toEqual([
        [null, 'OK'],
        [null, 2],
        [null, '2'],
      ]);
      // A command failing at run time is reported in its place.
      const results = await redis.multi().set('io:tx', 'abc').incr('io:tx').exec();
      expect(results?.[0]).toEqual([null, 'OK']);
      expect(results?.[1]?.[1]).toBeUndefined();
      expect(String(results?.[1]?.[0])).toContain('ERR value is not an integer or out of range');
      expect(await redis.watch('io:tx')).toBe('OK');
      await other.set('io:tx', 'theirs');
      expect(await redis.multi().set('io:tx', 'mine').exec()).toBeNull();
      expect(await redis.get('io:tx')).toBe('theirs');
    } finally {
      redis.disconnect();
      other.disconnect();
    }
  });
});

describe('node-redis (default options)', () => {
  it('runs strings, keys, expiry and pub/sub commands', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    const subscriber = client.duplicate();
    client.on('error', () => {});
    subscriber.on('error', () => {});
    await client.connect();
    await subscriber.connect();
    try {
      expect(await client.set('nr:a', 'v', { EX: 100 })).toBe('OK');
      expect(await client.get('nr:a')).toBe('v');
      expect(await client.ttl('nr:a')).toBe(100);
      expect(await client.incr('nr:n')).toBe(1);
      expect(await client.exists(['nr:a', 'nr:n', 'nr:x'])).toBe(2);
      expect(await client.persist('nr:a')).toBe(1);
      const received = new Promise<string>((resolve) => {
        void subscriber.subscribe('nr:chan', (message) => resolve(message));
      });
      // Wait until the subscription is in place before publishing.
      for (let i = 0; i < 50 && (await client.publish('nr:probe', 'x')) === 0; i++) {
        const count = (await client.sendCommand(['PUBSUB', 'NUMSUB', 'nr:chan'])) as unknown[];
        if (count[1] === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await client.publish('nr:chan', 'hello')).toBe(1);
      expect(await received).toBe('hello');
    } finally {
      await client.quit().catch(() => {});
      await subscriber.quit().catch(() => {});
    }
  });
});

describe('hashes and sets through real clients', () => {
  it('ioredis: HSET, HGETALL, HINCRBY, SADD, SMEMBERS, SINTER, HSCAN', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      expect(await redis.hset('io:h', { a: '1', b: '2' })).toBe(2);
      expect(await redis.hgetall('io:h')).toEqual({ a: '1', b: '2' });
      expect(await redis.hincrby('io:h', 'a', 5)).toBe(6);
      expect(await redis.hincrbyfloat('io:h', 'f', 0.5)).toBe('0.5');
      expect(await redis.hmget('io:h', 'a', 'zz')).toEqual(['6', null]);
      expect(await redis.hscan('io:h', 0)).toEqual(['0', ['a', '6', 'b', '2', 'f', '0.5']]);
      expect(await redis.sadd('io:s', 3, 1, 2)).toBe(3);
      expect(await redis.smembers('io:s')).toEqual(['1', '2', '3']);
      expect(await redis.sadd('io:t', 2, 3, 4)).toBe(3);
      expect(await redis.sinter('io:s', 'io:t')).toEqual(['2', '3']);
      expect(await redis.srandmember('io:s', -2)).toHaveLength(2);
      await expect(redis.get('io:h')).rejects.toThrow('WRONGTYPE');
    } finally {
      redis.disconnect();
    }
  });

  it('node-redis: hSet, hGetAll, sAdd, sMembers, sIsMember, HRANDFIELD WITHVALUES', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    client.on('error', () => {});
    await client.connect();
    try {
      expect(await client.hSet('nr:h', { a: '1', b: '2' })).toBe(2);
      expect({ ...(await client.hGetAll('nr:h')) }).toEqual({ a: '1', b: '2' });
      expect(await client.hLen('nr:h')).toBe(2);
      expect(await client.hDel('nr:h', 'a')).toBe(1);
      expect(await client.hRandFieldCountWithValues('nr:h', 1)).toEqual([
        { field: 'b', value: '2' },
      ]);
      expect(await client.sAdd('nr:s', ['x', 'y'])).toBe(2);
      expect((await client.sMembers('nr:s')).sort()).toEqual(['x', 'y']);
      expect(await client.sIsMember('nr:s', 'x')).toBe(1);
      expect(await client.sCard('nr:s')).toBe(2);
      expect(await client.type('nr:s')).toBe('set');
    } finally {
      await client.quit().catch(() => {});
    }
  });
});

describe('sorted sets through real clients', () => {
  it('ioredis: ZADD, ZRANGE WITHSCORES, ZINCRBY, ZRANGEBYSCORE, ZPOPMIN, ZUNIONSTORE, BZPOPMIN', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      expect(await redis.zadd('io:z', 1.5, 'a', 2, 'b', '-inf', 'low')).toBe(3);
      expect(await redis.zrange('io:z', '0', '-1', 'WITHSCORES')).toEqual([
        'low',
        '-inf',
        'a',
        '1.5',
        'b',
        '2',
      ]);
      expect(await redis.zincrby('io:z', 0.1, 'b')).toBe('2.1000000000000001');
      expect(await redis.zrangebyscore('io:z', '(1.5', '+inf')).toEqual(['b']);
      expect(await redis.zscore('io:z', 'nope')).toBeNull();
      expect(await redis.zpopmin('io:z')).toEqual(['low', '-inf']);
      expect(await redis.zunionstore('io:u', 2, 'io:z', 'io:z', 'WEIGHTS', 1, 2)).toBe(2);
      expect(await redis.zrange('io:u', '0', '-1', 'WITHSCORES')).toEqual([
        'a',
        '4.5',
        'b',
        '6.3000000000000007',
      ]);
      expect(await redis.bzpopmin('io:u', 0)).toEqual(['io:u', 'a', '4.5']);
    } finally {
      redis.disconnect();
    }
  });

  it('node-redis: zAdd, zRangeWithScores, zScore, zRank, zPopMax, zCount', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    client.on('error', () => {});
    await client.connect();
    try {
      expect(
        await client.zAdd('nr:z', [
          { score: 1, value: 'a' },
          { score: 2.5, value: 'b' },
          { score: 3, value: 'c' },
        ]),
      ).toBe(3);
      expect(await client.zRangeWithScores('nr:z', 0, 1)).toEqual([
        { value: 'a', score: 1 },
        { value: 'b', score: 2.5 },
      ]);
      expect(await client.zScore('nr:z', 'b')).toBe(2.5);
      expect(await client.zRank('nr:z', 'c')).toBe(2);
      expect(await client.zCount('nr:z', 2, '+inf')).toBe(2);
      expect(await client.zPopMax('nr:z')).toEqual({ value: 'c', score: 3 });
      expect(await client.type('nr:z')).toBe('zset');
    } finally {
      await client.quit().catch(() => {});
    }
  });
});

describe('streams through real clients', () => {
  it('ioredis: XADD, XRANGE, XGROUP, XREADGROUP, XPENDING, XACK, XREAD BLOCK', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    const reader = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      await reader.connect();
      expect(await redis.xadd('io:x', '1-0', 'a', '1', 'b', '2')).toBe('1-0');
      expect(await redis.xadd('io:x', 'MAXLEN', '~', '100', '2-0', 'c', '3')).toBe('2-0');
      expect(await redis.xrange('io:x', '-', '+')).toEqual([
        ['1-0', ['a', '1', 'b', '2']],
        ['2-0', ['c', '3']],
      ]);
      expect(await redis.xgroup('CREATE', 'io:x', 'g', '0')).toBe('OK');
      expect(await redis.xreadgroup('GROUP', 'g', 'c', 'COUNT', 1, 'STREAMS', 'io:x', '>')).toEqual(
        [['io:x', [['1-0', ['a', '1', 'b', '2']]]]],
      );
      expect(await redis.xpending('io:x', 'g')).toEqual([1, '1-0', '1-0', [['c', '1']]]);
      expect(await redis.xack('io:x', 'g', '1-0')).toBe(1);
      const read = reader.xread('BLOCK', 0, 'STREAMS', 'io:x', '$');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await redis.xadd('io:x', '3-0', 'd', '4');
      expect(await read).toEqual([['io:x', [['3-0', ['d', '4']]]]]);
      expect(await redis.type('io:x')).toBe('stream');
    } finally {
      redis.disconnect();
      reader.disconnect();
    }
  });

  it('node-redis: xAdd, xRange, xGroupCreate, xReadGroup, xAck, xLen', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    client.on('error', () => {});
    await client.connect();
    try {
      expect(await client.xAdd('nr:x', '1-0', { a: '1' })).toBe('1-0');
      expect(await client.xAdd('nr:x', '2-0', { b: '2' })).toBe('2-0');
      expect(await client.xRange('nr:x', '-', '+')).toEqual([
        { id: '1-0', message: { a: '1' } },
        { id: '2-0', message: { b: '2' } },
      ]);
      expect(await client.xGroupCreate('nr:x', 'g', '0')).toBe('OK');
      const groupRead = await client.xReadGroup('g', 'c', { key: 'nr:x', id: '>' }, { COUNT: 1 });
      expect(JSON.parse(JSON.stringify(groupRead))).toEqual([
        { name: 'nr:x', messages: [{ id: '1-0', message: { a: '1' } }] },
      ]);
      expect(await client.xAck('nr:x', 'g', '1-0')).toBe(1);
      expect(await client.xLen('nr:x')).toBe(2);
    } finally {
      await client.quit().catch(() => {});
    }
  });
});

describe('geo through real clients', () => {
  it('ioredis: GEOADD, GEODIST, GEOPOS, GEOSEARCH WITHDIST, GEORADIUS', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      expect(
        await redis.geoadd(
          'io:g',
          13.361389,
          38.115556,
          'Palermo',
          15.087269,
          37.502669,
          'Catania',
        ),
      ).toBe(2);
      expect(await redis.geodist('io:g', 'Palermo', 'Catania', 'KM')).toBe('166.2742');
      expect(await redis.geopos('io:g', 'Palermo', 'nobody')).toEqual([
        ['13.36138933897018433', '38.11555639549629859'],
        null,
      ]);
      expect(
        await redis.geosearch(
          'io:g',
          'FROMLONLAT',
          15,
          37,
          'BYRADIUS',
          200,
          'km',
          'ASC',
          'WITHDIST',
        ),
      ).toEqual([
        ['Catania', '56.4413'],
        ['Palermo', '190.4424'],
      ]);
      expect(await redis.georadius('io:g', 15, 37, 100, 'KM')).toEqual(['Catania']);
    } finally {
      redis.disconnect();
    }
  });

  it('node-redis: geoAdd, geoDist, geoPos, geoSearch, geoHash', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    client.on('error', () => {});
    await client.connect();
    try {
      expect(
        await client.geoAdd('nr:g', [
          { longitude: 13.361389, latitude: 38.115556, member: 'Palermo' },
          { longitude: 15.087269, latitude: 37.502669, member: 'Catania' },
        ]),
      ).toBe(2);
      expect(Number(await client.geoDist('nr:g', 'Palermo', 'Catania', 'km'))).toBe(166.2742);
      // RESP3 doubles, which node-redis reads as numbers.
      expect(JSON.parse(JSON.stringify(await client.geoPos('nr:g', 'Palermo')))).toEqual([
        { longitude: 13.361389338970184, latitude: 38.1155563954963 },
      ]);
      expect(
        await client.geoSearch(
          'nr:g',
          { longitude: 15, latitude: 37 },
          { radius: 200, unit: 'km' },
          { SORT: 'ASC' },
        ),
      ).toEqual(['Catania', 'Palermo']);
      expect(await client.geoHash('nr:g', 'Palermo')).toEqual(['sqc8b49rny0']);
    } finally {
      await client.quit().catch(() => {});
    }
  });
});

describe('HyperLogLog through real clients', () => {
  it('ioredis: PFADD, PFCOUNT, PFMERGE', async () => {
    const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      expect(await redis.pfadd('io:h1', 'a', 'b', 'c')).toBe(1);
      expect(await redis.pfadd('io:h2', 'c', 'd')).toBe(1);
      expect(await redis.pfcount('io:h1')).toBe(3);
      expect(await redis.pfmerge('io:h3', 'io:h1', 'io:h2')).toBe('OK');
      expect(await redis.pfcount('io:h3')).toBe(4);
    } finally {
      redis.disconnect();
    }
  });

  it('node-redis: pfAdd, pfCount, pfMerge', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    client.on('error', () => {});
    await client.connect();
    try {
      expect(await client.pfAdd('nr:h1', ['a', 'b', 'c'])).toBe(1);
      expect(await client.pfAdd('nr:h2', ['c', 'd'])).toBe(1);
      expect(await client.pfCount(['nr:h1', 'nr:h2'])).toBe(4);
      expect(await client.pfMerge('nr:h3', ['nr:h1', 'nr:h2'])).toBe('OK');
      expect(await client.pfCount('nr:h3')).toBe(4);
    } finally {
      await client.quit().catch(() => {});
    }
  });
});

describe('node-redis transactions', () => {
  it('runs multi().exec(), and a broken WATCH rejects with WatchError', async () => {
    const client = createClient({ socket: { port, host: '127.0.0.1' } });
    const other = client.duplicate();
    client.on('error', () => {});
    other.on('error', () => {});
    await client.connect();
    await other.connect();
    try {
      expect(await client.multi().set('nr:tx', '1').incr('nr:tx').get('nr:tx').exec()).toEqual([
        'OK',
        2,
        '2',
      ]);
      await client.watch('nr:tx');
      await other.set('nr:tx', 'theirs');
      // node-redis's WatchError.
      await expect(client.multi().set('nr:tx', 'mine').exec()).rejects.toThrow(
        'One (or more) of the watched keys has been changed',
      );
      expect(await client.get('nr:tx')).toBe('theirs');
    } finally {
      await client.quit().catch(() => {});
      await other.quit().catch(() => {});
    }
  });
});

const withCli = hasRedis();

describe.skipIf(!withCli)('redis-cli', () => {
  const cli = async (...args: string[]) =>
    (await run('redis-cli', ['-p', String(port), '--no-raw', ...args], { encoding: 'utf8' }))
      .stdout;

  it('prints each reply type as it does for Redis', async () => {
    expect(await cli('SET', 'cli:s', 'bar')).toBe('OK\n');
    expect(await cli('GET', 'cli:s')).toBe('"bar"\n');
    expect(await cli('GET', 'cli:nope')).toBe('(nil)\n');
    expect(await cli('INCR', 'cli:n')).toBe('(integer) 1\n');
    expect(await cli('MGET', 'cli:s', 'cli:nope')).toBe('1) "bar"\n2) (nil)\n');
    expect(await cli('NOPE')).toBe(
      "(error) ERR unknown command 'NOPE', with args beginning with: \n",
    );
    expect(await cli('-3', 'HELLO', '3')).toContain('1# "server" => "redis"');
    expect(await cli('-3', 'INCRBYFLOAT', 'cli:f', '1.5')).toBe('"1.5"\n');
  });
});
