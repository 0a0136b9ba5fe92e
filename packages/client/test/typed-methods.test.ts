// The actor's typed methods for every command @mini-redis/server has, with
// exact results, against our server and against a real redis-server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createSubscriber, type RedisClient, ReplyError } from '../src/index.js';
import { targets } from './targets.js';

for (const target of targets) {
  describe.skipIf(!target.enabled)(`typed methods against ${target.name}`, () => {
    let stop: () => Promise<void>;
    let client: RedisClient;
    let address: string;

    beforeAll(async () => {
      const started = await target.start();
      stop = started.stop;
      address = started.address;
      client = createClient(address);
    });

    afterAll(async () => {
      await client?.close();
      await stop?.();
    });

    it('strings: SET with GET, SETEX, PSETEX, GETEX, MSETNX, SETRANGE and Buffer variants', async () => {
      expect(await client.set('t:s', 'one')).toBe('OK');
      expect(await client.set('t:s', 'two', { GET: true })).toBe('one');
      expect(await client.set('t:none', 'x', { GET: true })).toBeNull();
      expect(await client.set('t:s', 'three', { NX: true })).toBeNull();

      expect(await client.setex('t:ex', 100, 'v')).toBe('OK');
      expect(await client.ttl('t:ex')).toBe(100);
      expect(await client.psetex('t:px', 100_000, 'v')).toBe('OK');
      expect(await client.ttl('t:px')).toBe(100);

      expect(await client.getex('t:ex', { PERSIST: true })).toBe('v');
      expect(await client.ttl('t:ex')).toBe(-1);
      expect(await client.getex('t:ex', { EX: 50 })).toBe('v');
      expect(await client.ttl('t:ex')).toBe(50);
      expect(await client.getex('t:missing')).toBeNull();
      expect(await client.getexBuffer('t:ex')).toEqual(Buffer.from('v'));

      expect(await client.msetnx({ 't:m1': 'a', 't:m2': 'b' })).toBe(1);
      expect(await client.msetnx({ 't:m2': 'c', 't:m3': 'd' })).toBe(0);
      expect(await client.mget(['t:m1', 't:m2', 't:m3'])).toEqual(['a', 'b', null]);

      expect(await client.setrange('t:r', 3, 'abc')).toBe(6);
      expect(await client.getrangeBuffer('t:r', 0, -1)).toEqual(Buffer.from('\0\0\0abc'));
      expect(await client.getsetBuffer('t:r', 'new')).toEqual(Buffer.from('\0\0\0abc'));
      expect(await client.getdelBuffer('t:r')).toEqual(Buffer.from('new'));
      expect(await client.getdelBuffer('t:r')).toBeNull();
    });

    it('keys: UNLINK, RENAMENX, RANDOMKEY, SCAN and scanIterator', async () => {
      await client.flushdb();
      expect(await client.randomkey()).toBeNull();
      const keys = Array.from({ length: 250 }, (_, i) => `scan:${i}`);
      await client.mset(Object.fromEntries(keys.map((key) => [key, '1'])));
      await client.set('other', '1');
      expect(await client.randomkey()).toMatch(/^(scan:\d+|other)$/);

      const seen = new Set<string>();
      for await (const key of client.scanIterator({ MATCH: 'scan:*', COUNT: 20 })) seen.add(key);
      expect([...seen].sort()).toEqual([...keys].sort());
      const [cursor, batch] = await client.scan(0, { COUNT: 1000, TYPE: 'string' });
      expect(cursor).toBe('0');
      expect(batch).toHaveLength(251);
      // Stopping early is a plain break.
      let taken = 0;
      for await (const _ of client.scanIterator()) if (++taken === 3) break;
      expect(taken).toBe(3);

      expect(await client.renamenx('scan:0', 'scan:1')).toBe(0);
      expect(await client.renamenx('scan:0', 'renamed')).toBe(1);
      expect(await client.unlink(['renamed', 'scan:1', 'absent'])).toBe(2);
      expect(await client.unlink('scan:2')).toBe(1);
      expect(await client.dbsize()).toBe(248);
    });

    it('keys across databases: TOUCH, COPY with DB and REPLACE, MOVE, SWAPDB', async () => {
      await client.flushall();
      await using db1 = createClient(address, { db: 1 });
      await client.set('x:a', '1', { EX: 100 });
      await client.set('x:b', '2');
      expect(await client.touch(['x:a', 'x:b', 'x:none', 'x:a'])).toBe(3);
      expect(await client.touch('x:none')).toBe(0);
      expect(await client.copy('x:a', 'x:b')).toBe(0);
      expect(await client.copy('x:a', 'x:b', { REPLACE: true })).toBe(1);
      expect(await client.get('x:b')).toBe('1');
      expect(await client.ttl('x:b')).toBe(100);
      expect(await client.copy('x:a', 'x:a', { DB: 1 })).toBe(1);
      expect(await db1.get('x:a')).toBe('1');
      await expect(client.copy('x:a', 'x:a')).rejects.toThrow(
        'ERR source and destination objects are the same',
      );
      expect(await client.move('x:a', 1)).toBe(0);
      expect(await client.move('x:b', 1)).toBe(1);
      expect(await client.exists('x:b')).toBe(0);
      expect(await db1.get('x:b')).toBe('1');
      expect(await client.swapdb(0, 1)).toBe('OK');
      // The connections stay on their database numbers; the contents moved.
      expect(await client.mget(['x:a', 'x:b'])).toEqual(['1', '1']);
      expect(await db1.mget(['x:a', 'x:b'])).toEqual(['1', null]);
      await expect(client.swapdb(0, 16)).rejects.toThrow('ERR DB index is out of range');
    });

    it('bitmaps: SETBIT, GETBIT, BITCOUNT and BITPOS with ranges, BITOP', async () => {
      await client.del(['bits:a', 'bits:b', 'bits:r', 'bits:f']);
      expect(await client.setbit('bits:a', 1, 1)).toBe(0);
      expect(await client.setbit('bits:a', 1, 1)).toBe(1);
      expect(await client.getbit('bits:a', 1)).toBe(1);
      expect(await client.getbit('bits:a', 1000)).toBe(0);
      await client.set('bits:b', 'foobar');
      expect(await client.substr('bits:b', 1, -2)).toBe('ooba');
      await client.mset({ 'lcs:1': 'ohmytext', 'lcs:2': 'mynewtext' });
      expect(await client.lcs('lcs:1', 'lcs:2')).toBe('mytext');
      expect(await client.lcsLen('lcs:1', 'lcs:2')).toBe(6);
      expect(await client.lcsIdx('lcs:1', 'lcs:2')).toEqual({
        matches: [
          { first: [4, 7], second: [5, 8], length: 4 },
          { first: [2, 3], second: [0, 1], length: 2 },
        ],
        len: 6,
      });
      expect((await client.lcsIdx('lcs:1', 'lcs:2', { minMatchLen: 3 })).matches).toHaveLength(1);
      expect(await client.bitcount('bits:b')).toBe(26);
      expect(await client.bitcount('bits:b', { start: 1, end: 1 })).toBe(6);
      expect(await client.bitcount('bits:b', { start: 5, end: 30, unit: 'BIT' })).toBe(17);
      expect(await client.bitpos('bits:a', 1)).toBe(1);
      expect(await client.bitpos('bits:b', 0, { start: 1 })).toBe(8);
      expect(await client.bitpos('bits:b', 1, { start: 2, end: -1, unit: 'BYTE' })).toBe(17);
      expect(await client.bitop('AND', 'bits:r', ['bits:a', 'bits:b'])).toBe(6);
      expect(await client.bitcount('bits:r')).toBe(1);
      expect(await client.bitop('NOT', 'bits:r', 'bits:a')).toBe(1);
      expect(
        await client.bitfield('bits:f', [
          { SET: ['u8', '#1', 200] },
          { INCRBY: ['i64', 64, 2n ** 62n] },
          { OVERFLOW: 'FAIL' },
          { INCRBY: ['u8', 8, 100] },
          { GET: ['u8', 8] },
        ]),
      ).toEqual([0, 2n ** 62n, null, 200]);
      expect(
        await client.bitfieldRo('bits:f', [
          ['u4', 8],
          ['i8', '#1'],
        ]),
      ).toEqual([12, -56]);
      // NOT of 0x40 ('@', bit 1 set).
      expect(await client.getBuffer('bits:r')).toEqual(Buffer.from([0xbf]));
    });

    it('expiry: EXPIREAT, PEXPIREAT with a condition, EXPIRETIME and PEXPIRETIME', async () => {
      await client.set('t:e', 'v');
      expect(await client.expiretime('t:e')).toBe(-1);
      expect(await client.pexpiretime('t:missing')).toBe(-2);
      const at = Math.floor(Date.now() / 1000) + 1000;
      expect(await client.expireat('t:e', at)).toBe(1);
      expect(await client.expiretime('t:e')).toBe(at);
      expect(await client.pexpiretime('t:e')).toBe(at * 1000);
      // GT: only a later time applies.
      expect(await client.pexpireat('t:e', at * 1000 - 5000, { mode: 'GT' })).toBe(0);
      expect(await client.pexpireat('t:e', at * 1000 + 5000, { mode: 'GT' })).toBe(1);
      expect(await client.pexpiretime('t:e')).toBe(at * 1000 + 5000);
      expect(await client.pexpire('t:e', 10_000, { mode: 'NX' })).toBe(0);
      expect(await client.expire('t:e', 10, { mode: 'LT' })).toBe(1);
      expect(await client.ttl('t:e')).toBe(10);
    });

    it('pipelines the common commands as a typed tuple', async () => {
      await client.del(['p:a', 'p:b', 'p:e', 'p:n', 'p:f']);
      const replies = await client
        .pipeline()
        .mset({ 'p:a': '1', 'p:b': '2' })
        .mget(['p:a', 'p:b', 'p:none'])
        .set('p:a', 'x', { GET: true })
        .getdel('p:b')
        .setex('p:e', 100, 'v')
        .getex('p:e', { PERSIST: true })
        .pttl('p:e')
        .append('p:a', 'yz')
        .decrby('p:n', 5)
        .decr('p:n')
        .incrbyfloat('p:f', 1.5)
        .pexpire('p:a', 100_000, { mode: 'NX' })
        .persist('p:a')
        .unlink('p:a')
        .exec();
      expect(replies).toEqual([
        'OK',
        ['1', '2', null],
        '1',
        '2',
        'OK',
        'v',
        -1,
        3,
        -5,
        -6,
        '1.5',
        1,
        1,
        1,
      ]);
      // The tuple is typed from the calls: the old value of SET ... GET.
      const old: string | null = replies[2];
      expect(old).toBe('1');
    });

    it('runs multi() as one transaction: replies in place, a queueing error rejects and runs nothing', async () => {
      await client.del(['m:a']);
      expect(await client.multi().set('m:a', '1').incr('m:a').get('m:a').exec()).toEqual([
        'OK',
        2,
        '2',
      ]);
      // An error at run time takes its place; the other commands ran.
      const [ok, failed, appended] = await client
        .multi()
        .set('m:a', 'abc')
        .incr('m:a')
        .append('m:a', 'd')
        .exec();
      expect([ok, appended]).toEqual(['OK', 4]);
      expect(failed).toBeInstanceOf(ReplyError);
      expect((failed as unknown as ReplyError).message).toBe(
        'ERR value is not an integer or out of range',
      );
      // An error while queueing: EXEC runs nothing and exec() rejects with it.
      await expect(client.multi().set('m:a', 'never').command(['GET']).exec()).rejects.toThrow(
        "ERR wrong number of arguments for 'get' command",
      );
      expect(await client.get('m:a')).toBe('abcd');
    });

    it('server: TIME, INFO and FLUSHALL', async () => {
      const [seconds, microseconds] = await client.time();
      expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(5);
      expect(Number(microseconds)).toBeLessThan(1_000_000);
      expect(await client.info('server')).toMatch(/^# Server\r\n/);
      await client.set('t:flush', 'v');
      expect(await client.flushall()).toBe('OK');
      expect(await client.dbsize()).toBe(0);
      await expect(client.setex('t:bad', -1, 'v')).rejects.toThrow(
        new ReplyError("ERR invalid expire time in 'setex' command"),
      );
    });

    it('pub/sub introspection: PUBSUB CHANNELS, NUMSUB as a Map in either protocol, NUMPAT', async () => {
      using subscriber = createSubscriber(address);
      await subscriber.subscribe('intro:a', 'intro:b');
      await subscriber.psubscribe('intro:*');
      expect((await client.pubsubChannels()).sort()).toEqual(['intro:a', 'intro:b']);
      expect(await client.pubsubChannels('intro:[a]')).toEqual(['intro:a']);
      expect(await client.pubsubNumsub(['intro:b', 'intro:none', 'intro:a'])).toEqual(
        new Map([
          ['intro:b', 1],
          ['intro:none', 0],
          ['intro:a', 1],
        ]),
      );
      expect([...(await client.pubsubNumsub('intro:a')).entries()]).toEqual([['intro:a', 1]]);
      expect(await client.pubsubNumpat()).toBe(1);
    });

    it('OBJECT ENCODING, REFCOUNT, IDLETIME and FREQ', async () => {
      await client.set('t:obj:int', '12345');
      await client.set('t:obj:shared', '12');
      await client.set('t:obj:str', 'hello');
      await client.append('t:obj:str', '!');
      expect(await client.objectEncoding('t:obj:int')).toBe('int');
      expect(await client.objectEncoding('t:obj:str')).toBe('raw');
      expect(await client.objectEncoding('t:obj:none')).toBeNull();
      expect(await client.objectRefcount('t:obj:int')).toBe(1);
      expect(await client.objectRefcount('t:obj:shared')).toBe(2147483647);
      expect(await client.objectRefcount('t:obj:none')).toBeNull();
      expect(await client.objectIdletime('t:obj:str')).toBeLessThanOrEqual(1);
      expect(await client.objectIdletime('t:obj:none')).toBeNull();
      expect(await client.objectFreq('t:obj:none')).toBeNull();
      await expect(client.objectFreq('t:obj:str')).rejects.toThrow(
        /^ERR An LFU maxmemory policy is not selected/,
      );
    });

    it('hashes: every H* method, Buffer variants, pipelines and WRONGTYPE', async () => {
      await client.del(['t:h', 't:h2', 't:big', 't:hs']);
      expect(await client.hset('t:h', 'a', '1')).toBe(1);
      expect(await client.hset('t:h', { b: 2, a: 'x' })).toBe(1);
      // A field named __proto__ is a field like any other.
      expect(await client.hset('t:h', new Map([['__proto__', 'p']]))).toBe(1);
      expect(
        await client.hset(
          't:h',
          new Map<string, string | Buffer>([
            ['c', Buffer.from([0xff, 0])],
            ['10', 'n'],
          ]),
        ),
      ).toBe(2);
      await expect(client.hset('t:h', {})).rejects.toThrow(RangeError);
      expect(await client.hmset('t:h', { d: 'D' })).toBe('OK');
      expect(await client.hsetnx('t:h', 'd', 'other')).toBe(0);
      expect(await client.hsetnx('t:h', 'e', 'E')).toBe(1);
      expect(await client.hget('t:h', 'a')).toBe('x');
      expect(await client.hget('t:h', 'zz')).toBeNull();
      expect(await client.hgetBuffer('t:h', 'c')).toEqual(Buffer.from([0xff, 0]));
      expect(await client.hmget('t:h', ['a', 'zz', 'b'])).toEqual(['x', null, '2']);
      expect(await client.hmgetBuffer('t:h', ['c'])).toEqual([Buffer.from([0xff, 0])]);
      const all = await client.hgetall('t:h');
      expect(Object.getPrototypeOf(all)).toBeNull();
      // Integer-like keys first, as in any JavaScript object.
      expect(Object.entries(all)).toEqual([
        ['10', 'n'],
        ['a', 'x'],
        ['b', '2'],
        ['__proto__', 'p'],
        ['c', '\uFFFD\u0000'],
        ['d', 'D'],
        ['e', 'E'],
      ]);
      expect((await client.hgetallBuffer('t:h')).c).toEqual(Buffer.from([0xff, 0]));
      expect(await client.hgetall('t:none')).toEqual({});
      expect(await client.hkeys('t:h')).toEqual(['a', 'b', '__proto__', 'c', '10', 'd', 'e']);
      expect(await client.hvals('t:h2')).toEqual([]);
      expect((await client.hvalsBuffer('t:h'))[3]).toEqual(Buffer.from([0xff, 0]));
      expect(await client.hlen('t:h')).toBe(7);
      expect(await client.hexists('t:h', 'a')).toBe(1);
      expect(await client.hexists('t:h', 'zz')).toBe(0);
      expect(await client.hstrlen('t:h', 'c')).toBe(2);
      expect(await client.hdel('t:h', ['a', 'zz'])).toBe(1);
      expect(await client.hdel('t:h', '__proto__')).toBe(1);
      expect(await client.hincrby('t:h', 'n', 5)).toBe(5);
      expect(await client.hincrby('t:h', 'n', -7)).toBe(-2);
      expect(await client.hincrbyfloat('t:h', 'f', 0.1)).toBe('0.1');
      expect(await client.hincrbyfloat('t:h', 'f', 0.2)).toBe('0.3');
      await expect(client.hincrby('t:h', 'd', 1)).rejects.toThrow(
        'ERR hash value is not an integer',
      );

      await client.hset('t:h2', { only: 'v' });
      expect(await client.hrandfield('t:h2')).toBe('only');
      expect(await client.hrandfield('t:none')).toBeNull();
      expect(await client.hrandfieldCount('t:h2', 5)).toEqual(['only']);
      expect(await client.hrandfieldCount('t:h2', -3)).toEqual(['only', 'only', 'only']);
      expect(await client.hrandfieldWithValues('t:h2', -2)).toEqual([
        ['only', 'v'],
        ['only', 'v'],
      ]);
      expect(await client.hrandfieldWithValues('t:none', 2)).toEqual([]);

      const fields = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`f${i}`, `v${i}`]));
      expect(await client.hset('t:big', fields)).toBe(600);
      const seen = new Map<string, string>();
      for await (const [field, value] of client.hscanIterator('t:big', { COUNT: 50 }))
        seen.set(field, value);
      expect(seen.size).toBe(600);
      expect(seen.get('f599')).toBe('v599');
      const matched: string[] = [];
      for await (const [field] of client.hscanIterator('t:big', { MATCH: 'f59?', COUNT: 1000 }))
        matched.push(field);
      expect(matched.sort()).toEqual([
        'f590',
        'f591',
        'f592',
        'f593',
        'f594',
        'f595',
        'f596',
        'f597',
        'f598',
        'f599',
      ]);
      const [cursor, flat] = await client.hscan('t:h2', 0);
      expect([cursor, flat]).toEqual(['0', ['only', 'v']]);
      const picked = await client.hrandfieldWithValues('t:big', 3);
      expect(new Set(picked.map(([field]) => field)).size).toBe(3);
      for (const [field, value] of picked) expect(value).toBe(fields[field]);

      const results = await client
        .pipeline()
        .hset('t:hs', { a: '1', b: '2' })
        .hsetnx('t:hs', 'a', '9')
        .hget('t:hs', 'a')
        .hmget('t:hs', ['a', 'zz'])
        .hincrby('t:hs', 'n', 3)
        .hincrbyfloat('t:hs', 'f', 1.5)
        .hexists('t:hs', 'b')
        .hdel('t:hs', 'b')
        .hlen('t:hs')
        .exec();
      expect(results).toEqual([2, 0, '1', ['1', null], 3, '1.5', 1, 1, 3]);

      await client.set('t:str', 'v');
      await expect(client.hget('t:str', 'a')).rejects.toThrow(
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      );
      await expect(client.get('t:hs')).rejects.toThrow(
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      );
      expect(await client.type('t:hs')).toBe('hash');
      expect(await client.objectEncoding('t:hs')).toBe('listpack');
      expect(await client.objectEncoding('t:big')).toBe('hashtable');
    });

    it('lists: every L* method, Buffer variants, pipelines and WRONGTYPE', async () => {
      await client.del(['t:l', 't:l2', 't:l3', 't:pl']);
      expect(await client.rpush('t:l', ['a', 'b', 'c'])).toBe(3);
      expect(await client.lpush('t:l', 'z')).toBe(4);
      expect(await client.lpushx('t:none', 'x')).toBe(0);
      expect(await client.rpushx('t:l', [1, 2])).toBe(6);
      expect(await client.lrange('t:l', 0, -1)).toEqual(['z', 'a', 'b', 'c', '1', '2']);
      expect(await client.lrangeBuffer('t:l', 0, 0)).toEqual([Buffer.from('z')]);
      expect(await client.llen('t:l')).toBe(6);
      expect(await client.lindex('t:l', -1)).toBe('2');
      expect(await client.lindex('t:l', 99)).toBeNull();
      expect(await client.lset('t:l', 0, 'y')).toBe('OK');
      await expect(client.lset('t:l', 99, 'x')).rejects.toThrow('ERR index out of range');
      expect(await client.lpop('t:l')).toBe('y');
      expect(await client.rpop('t:l')).toBe('2');
      expect(await client.lpopCount('t:l', 2)).toEqual(['a', 'b']);
      expect(await client.rpopCount('t:l', 5)).toEqual(['1', 'c']);
      expect(await client.lpopCount('t:l', 2)).toBeNull();
      expect(await client.lpop('t:l')).toBeNull();
      await client.rpush('t:l', ['a', 'b', 'a', 'c', 'a']);
      expect(await client.lpos('t:l', 'a')).toBe(0);
      expect(await client.lpos('t:l', 'a', { RANK: -1 })).toBe(4);
      expect(await client.lpos('t:l', 'zz')).toBeNull();
      expect(await client.lposCount('t:l', 'a', 0)).toEqual([0, 2, 4]);
      expect(await client.lposCount('t:l', 'a', 0, { MAXLEN: 3 })).toEqual([0, 2]);
      expect(await client.linsert('t:l', 'BEFORE', 'c', 'x')).toBe(6);
      expect(await client.linsert('t:l', 'AFTER', 'zz', 'x')).toBe(-1);
      expect(await client.lrem('t:l', -2, 'a')).toBe(2);
      expect(await client.lrange('t:l', 0, -1)).toEqual(['a', 'b', 'x', 'c']);
      expect(await client.ltrim('t:l', 1, 2)).toBe('OK');
      expect(await client.lrange('t:l', 0, -1)).toEqual(['b', 'x']);
      expect(await client.lmove('t:l', 't:l2', 'LEFT', 'RIGHT')).toBe('b');
      expect(await client.rpoplpush('t:l', 't:l2')).toBe('x');
      expect(await client.lrange('t:l2', 0, -1)).toEqual(['x', 'b']);
      expect(await client.lmove('t:none', 't:l2', 'LEFT', 'LEFT')).toBeNull();
      expect(await client.lmpop(['t:none', 't:l2'], 'RIGHT', { COUNT: 5 })).toEqual([
        't:l2',
        ['b', 'x'],
      ]);
      expect(await client.lmpop('t:l2', 'LEFT')).toBeNull();
      await client.rpush('t:l3', Buffer.from([0xff, 0]));
      expect(await client.rpopBuffer('t:l3')).toEqual(Buffer.from([0xff, 0]));
      expect(await client.lpopBuffer('t:l3')).toBeNull();

      const results = await client
        .pipeline()
        .rpush('t:pl', ['a', 'b'])
        .lpush('t:pl', 'z')
        .lrange('t:pl', 0, -1)
        .lpop('t:pl')
        .rpop('t:pl')
        .llen('t:pl')
        .exec();
      expect(results).toEqual([2, 3, ['z', 'a', 'b'], 'z', 'b', 1]);
      await client.set('t:str', 'v');
      await expect(client.lpush('t:str', 'a')).rejects.toThrow(
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      );
      expect(await client.type('t:pl')).toBe('list');
      expect(await client.objectEncoding('t:pl')).toBe('quicklist');
    });

    it('blocking list pops: at once, served by another connection, and timed out', async () => {
      await client.del(['t:bl', 't:bl2', 't:bldst']);
      await client.rpush('t:bl', ['a', 'b']);
      expect(await client.blpop(['t:none', 't:bl'], 0)).toEqual(['t:bl', 'a']);
      expect(await client.brpop('t:bl', 0)).toEqual(['t:bl', 'b']);
      expect(await client.blpop('t:bl', 0.05)).toBeNull();
      expect(await client.blmove('t:none', 't:bldst', 'LEFT', 'LEFT', 0.05)).toBeNull();
      expect(await client.blmpop(0.05, ['t:none'], 'LEFT')).toBeNull();
      // Blocked on its own connection, served by this client's push.
      const other = createClient(address);
      try {
        const waiting = other.blmpop(5, ['t:none', 't:bl2'], 'RIGHT', { COUNT: 2 });
        const moving = other.clone().blmove('t:bl2', 't:bldst', 'LEFT', 'RIGHT', 5);
        // Let both reach the server (one connection: they wait in order).
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await client.rpush('t:bl2', ['x', 'y', 'z'])).toBe(3);
        expect(await waiting).toEqual(['t:bl2', ['z', 'y']]);
        expect(await moving).toBe('x');
        expect(await client.lrange('t:bldst', 0, -1)).toEqual(['x']);
        await client.rpush('t:bl2', 'w');
        expect(await other.brpoplpush('t:bl2', 't:bldst', 1)).toBe('w');
      } finally {
        await other.close();
      }
    });

    it('sets: every S* method, pipelines and WRONGTYPE', async () => {
      await client.del(['t:s1', 't:s2', 't:s3', 't:n', 't:dst', 't:big', 't:one']);
      expect(await client.sadd('t:s1', ['a', 'b', 'c', 'a'])).toBe(3);
      expect(await client.sadd('t:s1', 'd')).toBe(1);
      expect(await client.sadd('t:s2', ['c', 'd', 'e'])).toBe(3);
      expect(await client.sadd('t:n', [10, -3, 2])).toBe(3);
      expect(await client.smembers('t:n')).toEqual(['-3', '2', '10']);
      expect(await client.smembersBuffer('t:n')).toEqual([
        Buffer.from('-3'),
        Buffer.from('2'),
        Buffer.from('10'),
      ]);
      expect((await client.smembers('t:s1')).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(await client.smembers('t:none')).toEqual([]);
      expect(await client.sismember('t:s1', 'a')).toBe(1);
      expect(await client.sismember('t:s1', 'z')).toBe(0);
      expect(await client.smismember('t:s1', ['a', 'z', 'd'])).toEqual([1, 0, 1]);
      expect(await client.scard('t:s1')).toBe(4);
      expect(await client.srem('t:s1', ['a', 'z'])).toBe(1);
      expect((await client.sinter(['t:s1', 't:s2'])).sort()).toEqual(['c', 'd']);
      expect(await client.sinter(['t:s1', 't:none'])).toEqual([]);
      expect(await client.sintercard(['t:s1', 't:s2'])).toBe(2);
      expect(await client.sintercard(['t:s1', 't:s2'], { LIMIT: 1 })).toBe(1);
      expect((await client.sunion(['t:s1', 't:s2'])).sort()).toEqual(['b', 'c', 'd', 'e']);
      expect(await client.sdiff(['t:s1', 't:s2'])).toEqual(['b']);
      expect(await client.sinterstore('t:dst', ['t:s1', 't:s2'])).toBe(2);
      expect(await client.sunionstore('t:dst', ['t:s1', 't:s2'])).toBe(4);
      expect(await client.sdiffstore('t:dst', 't:s1')).toBe(3);
      expect(await client.sdiffstore('t:dst', ['t:s1', 't:s1'])).toBe(0);
      expect(await client.exists('t:dst')).toBe(0);
      expect(await client.smove('t:s1', 't:s3', 'b')).toBe(1);
      expect(await client.smove('t:s1', 't:s3', 'z')).toBe(0);
      expect(await client.smembers('t:s3')).toEqual(['b']);

      await client.sadd('t:one', 'only');
      expect(await client.srandmember('t:one')).toBe('only');
      expect(await client.srandmemberCount('t:one', -2)).toEqual(['only', 'only']);
      expect(await client.srandmemberCount('t:n', 10)).toEqual(['-3', '2', '10']);
      expect(await client.srandmember('t:none')).toBeNull();
      expect(await client.spop('t:one')).toBe('only');
      expect(await client.spop('t:one')).toBeNull();
      expect(await client.spopCount('t:n', 10)).toEqual(['-3', '2', '10']);
      expect(await client.exists('t:n')).toBe(0);

      const members = Array.from({ length: 700 }, (_, i) => `m${i}`);
      expect(await client.sadd('t:big', members)).toBe(700);
      const seen = new Set<string>();
      for await (const member of client.sscanIterator('t:big', { COUNT: 100 })) seen.add(member);
      expect(seen.size).toBe(700);
      const matched: string[] = [];
      for await (const member of client.sscanIterator('t:big', { MATCH: 'm69?' }))
        matched.push(member);
      expect(matched.sort()).toEqual(members.filter((m) => /^m69\d$/.test(m)).sort());
      const popped = await client.spopCount('t:big', 5);
      expect(new Set(popped).size).toBe(5);
      expect(await client.scard('t:big')).toBe(695);

      const results = await client
        .pipeline()
        .sadd('t:ps', ['x', 'y'])
        .srem('t:ps', 'x')
        .sismember('t:ps', 'y')
        .scard('t:ps')
        .exec();
      expect(results).toEqual([2, 1, 1, 1]);
      await client.set('t:str', 'v');
      await expect(client.sadd('t:str', 'a')).rejects.toThrow(
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      );
      expect(await client.type('t:ps')).toBe('set');
      expect(await client.objectEncoding('t:big')).toBe('hashtable');
    });

    it('XINFO STREAM FULL: entries, groups, their pending entries and consumers', async () => {
      await client.del('t:xf');
      await client.xadd('t:xf', '1-0', { a: '1' });
      await client.xadd('t:xf', '2-0', { b: '2' });
      await client.xgroupCreate('t:xf', 'g', '0');
      await client.xreadgroup('g', 'c', { 't:xf': '>' }, { COUNT: 1 });
      const before = Date.now();
      const info = await client.xinfoStreamFull('t:xf', { COUNT: 1 });
      expect(info.length).toBe(2);
      expect(info['last-generated-id']).toBe('2-0');
      expect(info.entries).toEqual([{ id: '1-0', fields: { a: '1' } }]);
      const [group] = info.groups as Record<string, unknown>[];
      expect(group!.name).toBe('g');
      expect(group!['pel-count']).toBe(1);
      const [pending] = group!.pending as {
        id: string;
        consumer: string;
        deliveryTime: number;
        deliveries: number;
      }[];
      expect(pending).toMatchObject({ id: '1-0', consumer: 'c', deliveries: 1 });
      expect(Math.abs(pending!.deliveryTime - before)).toBeLessThan(60_000);
      const [consumer] = group!.consumers as Record<string, unknown>[];
      expect(consumer!.name).toBe('c');
      expect(consumer!.pending).toEqual([
        { id: '1-0', deliveryTime: pending!.deliveryTime, deliveries: 1 },
      ]);
      expect((await client.xinfoStreamFull('t:xf')).entries).toHaveLength(2);
    });

    it('server: ROLE and LASTSAVE', async () => {
      expect(await client.role()).toEqual(['master', 0, []]);
      const lastsave = await client.lastsave();
      expect(Math.abs(lastsave - Date.now() / 1000)).toBeLessThan(600);
    });

    it('SORT: numbers, ALPHA, BY, LIMIT, GET and STORE; SORT_RO', async () => {
      await client.del(['t:sort', 't:sorted', 't:words', 't:w_1', 't:w_2', 't:w_3', 't:n_2']);
      await client.rpush('t:sort', ['3', '1', '2']);
      expect(await client.sort('t:sort')).toEqual(['1', '2', '3']);
      expect(await client.sort('t:sort', { DESC: true, LIMIT: { offset: 0, count: 2 } })).toEqual([
        '3',
        '2',
      ]);
      await client.mset({ 't:w_1': '30', 't:w_2': '10', 't:w_3': '20', 't:n_2': 'two' });
      expect(await client.sort('t:sort', { BY: 't:w_*' })).toEqual(['2', '3', '1']);
      expect(await client.sort('t:sort', { BY: 't:w_*', GET: ['#', 't:n_*'] })).toEqual([
        '2',
        'two',
        '3',
        null,
        '1',
        null,
      ]);
      expect(await client.sortRo('t:sort', { ALPHA: true, DESC: true })).toEqual(['3', '2', '1']);
      expect(await client.sortStore('t:sort', 't:sorted', { BY: 'nosort' })).toBe(3);
      expect(await client.lrange('t:sorted', 0, -1)).toEqual(['3', '1', '2']);
      await client.rpush('t:words', ['b', 'a']);
      await expect(client.sort('t:words')).rejects.toThrow(
        "ERR One or more scores can't be converted into double",
      );
    });

    it('HyperLogLog: PFADD, PFCOUNT of one and several keys, PFMERGE, in pipelines too', async () => {
      await client.del(['t:hll1', 't:hll2', 't:hlld']);
      expect(await client.pfadd('t:hll1', ['a', 'b', 'c', 'a'])).toBe(1);
      expect(await client.pfadd('t:hll1', 'a')).toBe(0);
      expect(await client.pfadd('t:hll2')).toBe(1);
      expect(await client.pfadd('t:hll2', ['c', 'd'])).toBe(1);
      expect(await client.pfcount('t:hll1')).toBe(3);
      expect(await client.pfcount(['t:hll1', 't:hll2', 't:nokey'])).toBe(4);
      expect(await client.pfmerge('t:hlld', ['t:hll1', 't:hll2'])).toBe('OK');
      expect(await client.pfcount('t:hlld')).toBe(4);
      // The sketch is a string holding Redis's bytes.
      expect((await client.getBuffer('t:hll1'))!.subarray(0, 4).toString()).toBe('HYLL');
      await client.set('t:str', 'not a sketch');
      await expect(client.pfadd('t:str', 'x')).rejects.toThrow(
        'WRONGTYPE Key is not a valid HyperLogLog string value.',
      );
      expect(await client.pipeline().pfadd('t:hll1', ['e', 'f']).pfcount('t:hll1').exec()).toEqual([
        1, 5,
      ]);
    });

    it('geo: GEOADD, GEODIST, GEOHASH, GEOPOS, GEOSEARCH (WITH options) and GEOSEARCHSTORE', async () => {
      await client.del(['t:g', 't:gd']);
      expect(
        await client.geoadd('t:g', [
          { longitude: 13.361389, latitude: 38.115556, member: 'Palermo' },
          { longitude: 15, latitude: 37, member: 'Catania' },
        ]),
      ).toBe(2);
      expect(await client.geoadd('t:g', { longitude: 14, latitude: 37, member: 'Gela' })).toBe(1);
      expect(
        await client.geoadd('t:g', { longitude: 1, latitude: 1, member: 'Gela' }, { NX: true }),
      ).toBe(0);
      await expect(
        client.geoadd('t:g', { longitude: 14, latitude: 89, member: 'North' }),
      ).rejects.toThrow('ERR invalid longitude,latitude pair 14.000000,89.000000');
      await expect(client.geoadd('t:g', [])).rejects.toThrow(RangeError);

      expect(await client.geodist('t:g', 'Palermo', 'Gela')).toBe(136257.1753);
      expect(await client.geodist('t:g', 'Palermo', 'Gela', 'km')).toBe(136.2572);
      expect(await client.geodist('t:g', 'Palermo', 'nobody')).toBeNull();
      expect(await client.geohash('t:g', ['Palermo', 'nobody'])).toEqual(['sqc8b49rny0', null]);
      expect(await client.geopos('t:g', ['Gela', 'nobody'])).toEqual([
        { longitude: 14.000001847743988, latitude: 37.000000266059637 },
        null,
      ]);

      const fromGela = { member: 'Gela' };
      expect(
        await client.geosearch('t:g', fromGela, { radius: 200, unit: 'km' }, { SORT: 'ASC' }),
      ).toEqual(['Gela', 'Catania', 'Palermo']);
      expect(
        await client.geosearch(
          't:g',
          { longitude: 14, latitude: 37.5 },
          { width: 300, height: 100, unit: 'km' },
        ),
      ).toEqual([]);
      expect(
        await client.geosearchWith(
          't:g',
          fromGela,
          { radius: 100, unit: 'km' },
          { SORT: 'DESC', WITHDIST: true, WITHHASH: true, WITHCOORD: true },
        ),
      ).toEqual([
        {
          member: 'Catania',
          distance: 88.8286,
          hash: 3476504601741708,
          coordinates: { longitude: 14.999999105930328, latitude: 37.000000266059637 },
        },
        {
          member: 'Gela',
          distance: 0,
          hash: 3476101302610854,
          coordinates: { longitude: 14.000001847743988, latitude: 37.000000266059637 },
        },
      ]);
      expect(
        await client.geosearchWith('t:g', fromGela, { radius: 100, unit: 'km' }, { COUNT: 1 }),
      ).toEqual([{ member: 'Gela' }]);
      await expect(
        client.geosearch('t:g', { member: 'nobody' }, { radius: 1, unit: 'm' }),
      ).rejects.toThrow('ERR could not decode requested zset member');

      expect(
        await client.geosearchstore(
          't:gd',
          't:g',
          fromGela,
          { radius: 200, unit: 'km' },
          {
            STOREDIST: true,
            COUNT: 2,
          },
        ),
      ).toBe(2);
      expect(await client.zrangeWithScores('t:gd', 0, -1)).toEqual([
        { member: 'Gela', score: 0 },
        { member: 'Catania', score: 88.828620619509763 },
      ]);
      expect(
        await client
          .pipeline()
          .geoadd('t:g', { longitude: 14.5, latitude: 37.1, member: 'Between' }, { CH: true })
          .geosearch('t:g', fromGela, { radius: 50, unit: 'km' }, { SORT: 'ASC' })
          .exec(),
      ).toEqual([1, ['Gela', 'Between']]);
    });

    it('streams: XADD to XINFO, consumer groups, XAUTOCLAIM, and XREAD BLOCK served by XADD', async () => {
      await client.del(['t:x', 't:x2', 't:xb']);
      expect(await client.xadd('t:x', '1-1', { a: '1', b: 'two' })).toBe('1-1');
      expect(await client.xadd('t:x', '1-*', new Map([['a', 2]]))).toBe('1-2');
      expect(
        await client.xadd('t:x', '2-0', [
          ['f', 'x'],
          ['f', 'y'],
        ]),
      ).toBe('2-0');
      expect(await client.xadd('t:nope', '*', { a: '1' }, { NOMKSTREAM: true })).toBeNull();
      await expect(client.xadd('t:x', '1-0', { a: '1' })).rejects.toThrow(
        'ERR The ID specified in XADD is equal or smaller than the target stream top item',
      );
      expect(await client.xlen('t:x')).toBe(3);
      expect(await client.xrange('t:x')).toEqual([
        { id: '1-1', fields: { a: '1', b: 'two' } },
        { id: '1-2', fields: { a: '2' } },
        { id: '2-0', fields: { f: 'y' } },
      ]);
      expect(await client.xrange('t:x', '(1-1', '+', { COUNT: 1 })).toEqual([
        { id: '1-2', fields: { a: '2' } },
      ]);
      expect((await client.xrevrange('t:x', '+', '-', { COUNT: 2 })).map((e) => e.id)).toEqual([
        '2-0',
        '1-2',
      ]);
      expect(await client.xrange('t:missing')).toEqual([]);

      // Groups: delivery, history, acknowledgement, claims.
      expect(await client.xgroupCreate('t:x', 'g', '0')).toBe('OK');
      await expect(client.xgroupCreate('t:x', 'g', '$')).rejects.toThrow(
        'BUSYGROUP Consumer Group name already exists',
      );
      expect(await client.xreadgroup('g', 'alice', { 't:x': '>' }, { COUNT: 2 })).toEqual([
        {
          key: 't:x',
          entries: [
            { id: '1-1', fields: { a: '1', b: 'two' } },
            { id: '1-2', fields: { a: '2' } },
          ],
        },
      ]);
      expect(await client.xreadgroup('g', 'bob', { 't:x': '>' })).toEqual([
        { key: 't:x', entries: [{ id: '2-0', fields: { f: 'y' } }] },
      ]);
      expect(await client.xreadgroup('g', 'bob', { 't:x': '>' })).toBeNull();
      expect(await client.xdel('t:x', ['1-2', '9-9'])).toBe(1);
      expect(await client.xreadgroup('g', 'alice', { 't:x': '0' })).toEqual([
        {
          key: 't:x',
          entries: [
            { id: '1-1', fields: { a: '1', b: 'two' } },
            { id: '1-2', fields: null },
          ],
        },
      ]);
      expect(await client.xpending('t:x', 'g')).toEqual({
        count: 3,
        lowest: '1-1',
        highest: '2-0',
        consumers: [
          { name: 'alice', pending: 2 },
          { name: 'bob', pending: 1 },
        ],
      });
      const pending = await client.xpendingRange('t:x', 'g', '-', '+', 10, { consumer: 'bob' });
      expect(pending.map(({ id, consumer, deliveries }) => [id, consumer, deliveries])).toEqual([
        ['2-0', 'bob', 1],
      ]);
      expect(await client.xclaimJustId('t:x', 'g', 'bob', 0, ['1-1'])).toEqual(['1-1']);
      expect(await client.xautoclaim('t:x', 'g', 'carol', 0, '0', { COUNT: 10 })).toEqual({
        next: '0-0',
        entries: [
          { id: '1-1', fields: { a: '1', b: 'two' } },
          { id: '2-0', fields: { f: 'y' } },
        ],
        deleted: ['1-2'],
      });
      expect(await client.xclaim('t:x', 'g', 'dave', 0, '2-0', { RETRYCOUNT: 5 })).toEqual([
        { id: '2-0', fields: { f: 'y' } },
      ]);
      expect(await client.xack('t:x', 'g', ['1-1', '2-0', '3-0'])).toBe(2);
      expect(await client.xgroupCreateconsumer('t:x', 'g', 'erin')).toBe(1);
      expect(await client.xgroupDelconsumer('t:x', 'g', 'erin')).toBe(0);
      const consumers = await client.xinfoConsumers('t:x', 'g');
      expect(consumers.map((c) => [c.name, c.pending])).toEqual([
        ['alice', 0],
        ['bob', 0],
        ['carol', 0],
        ['dave', 0],
      ]);
      expect(await client.xinfoGroups('t:x')).toEqual([
        {
          name: 'g',
          consumers: 4,
          pending: 0,
          'last-delivered-id': '2-0',
          'entries-read': 3,
          lag: 0,
        },
      ]);
      const info = await client.xinfoStream('t:x');
      expect([info.length, info['last-generated-id'], info['max-deleted-entry-id']]).toEqual([
        2,
        '2-0',
        '1-2',
      ]);
      expect(info['first-entry']).toEqual({ id: '1-1', fields: { a: '1', b: 'two' } });
      expect(await client.xgroupSetid('t:x', 'g', '0')).toBe('OK');
      expect(await client.xgroupDestroy('t:x', 'g')).toBe(1);
      expect(await client.xsetid('t:x', '5-0', { ENTRIESADDED: 9 })).toBe('OK');
      expect(await client.xtrim('t:x', { MAXLEN: 1 })).toBe(1);
      expect(await client.xadd('t:x', '*', { z: '1' }, { MAXLEN: 1 })).toMatch(/^\d+-0$/);
      expect(await client.xlen('t:x')).toBe(1);

      // XREAD: now, then blocked until another connection's XADD.
      await client.xadd('t:x2', '1-0', { k: 'v' });
      expect(
        await client.xread([
          ['t:x2', '0'],
          ['t:missing', '0'],
        ]),
      ).toEqual([{ key: 't:x2', entries: [{ id: '1-0', fields: { k: 'v' } }] }]);
      await using reader = createClient(address);
      const read = reader.xread({ 't:xb': '$' }, { BLOCK: 5000 });
      // Wait until the reader is blocked (CLIENT LIST shows it) before adding.
      await expect
        .poll(async () => String(await client.command(['CLIENT', 'LIST'])).includes('cmd=xread'))
        .toBe(true);
      await client.xadd('t:xb', '7-0', { hello: 'world' });
      expect(await read).toEqual([
        { key: 't:xb', entries: [{ id: '7-0', fields: { hello: 'world' } }] },
      ]);
      expect(await client.xread({ 't:xb': '$' }, { BLOCK: 10 })).toBeNull();
      await client.set('t:str', 'x');
      await expect(client.xlen('t:str')).rejects.toThrow('WRONGTYPE');

      // Pipelines: the stream commands whose replies need no shaping.
      await client.del('t:xp');
      expect(
        await client
          .pipeline()
          .xadd('t:xp', '1-0', { a: '1' })
          .xadd('t:xp', '2-0', { b: '2' }, { MAXLEN: 5 })
          .xlen('t:xp')
          .xack('t:xp', 'nogroup', '1-0')
          .xdel('t:xp', ['2-0'])
          .xtrim('t:xp', { MAXLEN: 0 })
          .exec(),
      ).toEqual(['1-0', '2-0', 2, 0, 1, 1]);
    });

    it('sorted sets: every Z* method, scores as numbers in either protocol, pipelines and WRONGTYPE', async () => {
      const keys = ['t:z', 't:z2', 't:zs', 't:zd', 't:zbig', 't:zl', 't:zp', 't:zset'];
      await client.del(keys);
      expect(await client.zadd('t:z', { a: 1, b: 2.5, c: 3 })).toBe(3);
      expect(await client.zadd('t:z', { score: -Infinity, member: 'low' })).toBe(1);
      expect(await client.zadd('t:z', new Map([['top', Infinity]]))).toBe(1);
      expect(
        await client.zadd('t:z', [
          { score: 1.1, member: 'd' },
          { score: '0x10', member: 'e' },
        ]),
      ).toBe(2);
      expect(await client.zadd('t:z', { a: 5, new: 1 }, { XX: true, CH: true })).toBe(1);
      expect(await client.zadd('t:z', { a: 1 }, { GT: true })).toBe(0);
      expect(await client.zscore('t:z', 'a')).toBe(5);
      expect(await client.zscore('t:z', 'd')).toBe(1.1);
      expect(await client.zscore('t:z', 'low')).toBe(-Infinity);
      expect(await client.zscore('t:z', 'nope')).toBeNull();
      expect(await client.zmscore('t:z', ['top', 'nope', 'e'])).toEqual([Infinity, null, 16]);
      expect(await client.zaddIncr('t:z', 0.5, 'a')).toBe(5.5);
      expect(await client.zaddIncr('t:z', 1, 'a', { LT: true })).toBeNull();
      expect(await client.zincrby('t:z', -0.5, 'a')).toBe(5);
      expect(await client.zcard('t:z')).toBe(7);
      expect(await client.zcount('t:z', '(1.1', 5)).toBe(3);
      expect(await client.zrank('t:z', 'b')).toBe(2);
      expect(await client.zrevrank('t:z', 'b')).toBe(4);
      expect(await client.zrank('t:z', 'nope')).toBeNull();
      expect(await client.zrange('t:z', 0, 2)).toEqual(['low', 'd', 'b']);
      expect(await client.zrange('t:z', '+inf', 3, { BY: 'SCORE', REV: true })).toEqual([
        'top',
        'e',
        'a',
        'c',
      ]);
      expect(
        await client.zrange('t:z', -Infinity, Infinity, {
          BY: 'SCORE',
          LIMIT: { offset: 1, count: 2 },
        }),
      ).toEqual(['d', 'b']);
      expect(await client.zrangeWithScores('t:z', 0, 1)).toEqual([
        { member: 'low', score: -Infinity },
        { member: 'd', score: 1.1 },
      ]);
      expect(await client.zrevrange('t:z', 0, 0)).toEqual(['top']);
      expect(await client.zrangebyscore('t:z', 2, '(5')).toEqual(['b', 'c']);
      expect(
        await client.zrevrangebyscore('t:z', 5, 2, { LIMIT: { offset: 0, count: 1 } }),
      ).toEqual(['a']);
      expect(await client.zrangestore('t:zd', 't:z', 0, 1)).toBe(2);
      expect(await client.zrange('t:zd', 0, -1)).toEqual(['low', 'd']);

      expect(await client.zadd('t:zl', { a: 0, b: 0, c: 0, d: 0 })).toBe(4);
      expect(await client.zlexcount('t:zl', '[b', '+')).toBe(3);
      expect(await client.zrangebylex('t:zl', '(a', '[c')).toEqual(['b', 'c']);
      expect(
        await client.zrevrangebylex('t:zl', '+', '-', { LIMIT: { offset: 1, count: 2 } }),
      ).toEqual(['c', 'b']);
      expect(await client.zrange('t:zl', '[c', '-', { BY: 'LEX', REV: true })).toEqual([
        'c',
        'b',
        'a',
      ]);
      expect(await client.zremrangebylex('t:zl', '-', '(b')).toBe(1);
      expect(await client.zremrangebyrank('t:zl', -1, -1)).toBe(1);
      expect(await client.zremrangebyscore('t:zl', 0, 0)).toBe(2);
      expect(await client.exists('t:zl')).toBe(0);
      expect(await client.zrem('t:z', ['new', 'low', 'nope'])).toBe(1);

      expect(await client.zpopmin('t:zd')).toEqual({ member: 'low', score: -Infinity });
      expect(await client.zpopmaxCount('t:zd', 5)).toEqual([{ member: 'd', score: 1.1 }]);
      expect(await client.zpopmin('t:zd')).toBeNull();
      await client.zadd('t:zp', { x: 1, y: 2, z: 3 });
      expect(await client.zpopminCount('t:zp', 2)).toEqual([
        { member: 'x', score: 1 },
        { member: 'y', score: 2 },
      ]);
      expect(await client.zpopmax('t:zp')).toEqual({ member: 'z', score: 3 });
      await client.zadd('t:zp', { x: 1, y: 2 });
      expect(await client.zmpop(['t:none', 't:zp'], 'MAX', { COUNT: 5 })).toEqual([
        't:zp',
        [
          { member: 'y', score: 2 },
          { member: 'x', score: 1 },
        ],
      ]);
      expect(await client.zmpop('t:zp', 'MIN')).toBeNull();

      await client.zadd('t:z2', { b: 10, c: 20, w: 30 });
      await client.sadd('t:zset', ['a', 'w']);
      expect(await client.zunion(['t:z', 't:z2'])).toEqual(['d', 'a', 'b', 'e', 'c', 'w', 'top']);
      expect(
        await client.zunionWithScores(['t:z2', 't:zset'], { WEIGHTS: [0.5, 2], AGGREGATE: 'MAX' }),
      ).toEqual([
        { member: 'a', score: 2 },
        { member: 'b', score: 5 },
        { member: 'c', score: 10 },
        { member: 'w', score: 15 },
      ]);
      expect(await client.zinter(['t:z', 't:z2'])).toEqual(['b', 'c']);
      expect(await client.zinterWithScores(['t:z', 't:z2'], { AGGREGATE: 'MIN' })).toEqual([
        { member: 'b', score: 2.5 },
        { member: 'c', score: 3 },
      ]);
      expect(await client.zintercard(['t:z', 't:z2'])).toBe(2);
      expect(await client.zintercard(['t:z', 't:z2'], { LIMIT: 1 })).toBe(1);
      expect(await client.zdiff(['t:z', 't:z2'])).toEqual(['d', 'a', 'e', 'top']);
      expect(await client.zdiffWithScores(['t:zset', 't:z'])).toEqual([{ member: 'w', score: 1 }]);
      expect(await client.zunionstore('t:zs', ['t:z', 't:z2'], { WEIGHTS: [1, 0] })).toBe(7);
      expect(await client.zscore('t:zs', 'w')).toBe(0);
      expect(await client.zinterstore('t:zs', ['t:z', 't:z2'])).toBe(2);
      expect(await client.zdiffstore('t:zs', ['t:z', 't:z'])).toBe(0);
      expect(await client.exists('t:zs')).toBe(0);

      expect(await client.zrandmember('t:none')).toBeNull();
      expect(await client.zrandmemberCount('t:z2', 10)).toEqual(['w', 'c', 'b']);
      expect(await client.zrandmemberWithScores('t:z2', -2)).toHaveLength(2);
      expect(await client.zrandmemberWithScores('t:z2', 3)).toEqual([
        { member: 'w', score: 30 },
        { member: 'c', score: 20 },
        { member: 'b', score: 10 },
      ]);

      const members = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`m${i}`, i / 4]));
      expect(await client.zadd('t:zbig', members)).toBe(300);
      expect(await client.objectEncoding('t:zbig')).toBe('skiplist');
      const seen = new Map<string, number>();
      for await (const { member, score } of client.zscanIterator('t:zbig', { COUNT: 50 }))
        seen.set(member, score);
      expect(seen.size).toBe(300);
      expect(seen.get('m7')).toBe(1.75);
      const [cursor, small] = await client.zscan('t:z2', 0);
      expect(cursor).toBe('0');
      expect(small).toEqual([
        { member: 'b', score: 10 },
        { member: 'c', score: 20 },
        { member: 'w', score: 30 },
      ]);

      const results = await client
        .pipeline()
        .zadd('t:pz', { a: 1, b: 2 })
        .zrem('t:pz', 'a')
        .zcard('t:pz')
        .zrank('t:pz', 'b')
        .zrange('t:pz', 0, -1)
        .exec();
      expect(results).toEqual([2, 1, 1, 0, ['b']]);
      await expect(client.zadd('t:pz', {})).rejects.toThrow(RangeError);
      await client.set('t:str', 'v');
      await expect(client.zadd('t:str', { a: 1 })).rejects.toThrow(
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      );
      await expect(client.zadd('t:pz', { a: Number.NaN })).rejects.toThrow(
        'ERR value is not a valid float',
      );
      expect(await client.type('t:pz')).toBe('zset');
    });

    it('blocking sorted-set pops: at once, served by another connection, and timed out', async () => {
      await client.del(['t:bz', 't:bz2']);
      await client.zadd('t:bz', { a: 1, b: 2 });
      expect(await client.bzpopmin(['t:none', 't:bz'], 0)).toEqual([
        't:bz',
        { member: 'a', score: 1 },
      ]);
      expect(await client.bzpopmax('t:bz', 0)).toEqual(['t:bz', { member: 'b', score: 2 }]);
      expect(await client.bzpopmin('t:bz', 0.05)).toBeNull();
      expect(await client.bzmpop(0.05, ['t:none'], 'MIN')).toBeNull();
      const other = createClient(address);
      try {
        const waiting = other.bzmpop(5, ['t:none', 't:bz2'], 'MAX', { COUNT: 2 });
        const single = other.clone().bzpopmin('t:bz2', 5);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await client.zadd('t:bz2', { x: 1, y: 2, z: 3 })).toBe(3);
        expect(await waiting).toEqual([
          't:bz2',
          [
            { member: 'z', score: 3 },
            { member: 'y', score: 2 },
          ],
        ]);
        expect(await single).toEqual(['t:bz2', { member: 'x', score: 1 }]);
      } finally {
        await other.close();
      }
    });

    it('CONFIG GET as a Map in either protocol, CONFIG SET all or nothing, CONFIG RESETSTAT', async () => {
      expect(await client.configSet({ timeout: 30, 'proto-max-bulk-len': '1mb' })).toBe('OK');
      expect(await client.configGet(['timeout', 'proto-max-bulk-*'])).toEqual(
        new Map([
          ['timeout', '30'],
          ['proto-max-bulk-len', '1048576'],
        ]),
      );
      await expect(client.configSet({ timeout: 0, maxclients: 'x' })).rejects.toThrow(ReplyError);
      // Refused as a whole: timeout kept its value.
      expect(await client.configGet('timeout')).toEqual(new Map([['timeout', '30']]));
      expect(await client.configSet({ timeout: 0, 'proto-max-bulk-len': '512mb' })).toBe('OK');
      expect(await client.configGet('no-such-*')).toEqual(new Map());
      expect(await client.configResetstat()).toBe('OK');
      // Both servers here run without a configuration file, and without replicas.
      await expect(client.configRewrite()).rejects.toThrow(
        'ERR The server is running without a config file',
      );
      await expect(
        client.failover({ to: { host: '127.0.0.1', port: 1 }, force: true, timeoutMs: 100 }),
      ).rejects.toThrow('ERR FAILOVER requires connected replicas.');
      await expect(client.failover({ abort: true })).rejects.toThrow(
        'ERR No failover in progress.',
      );
      await expect(client.failover({ timeoutMs: 0 })).rejects.toThrow(
        'ERR FAILOVER timeout must be greater than 0',
      );
    });

    it('connection introspection: CLIENT ID, GETNAME, SETNAME, INFO, LIST and KILL', async () => {
      await using own = createClient(address, { name: 'typed' });
      const id = await own.clientId();
      expect(id).toBeGreaterThan(0);
      expect(await own.clientGetname()).toBe('typed');
      expect(await own.clientInfo()).toMatch(new RegExp(`^id=${id} .* name=typed `));
      expect(await own.clientSetname('renamed')).toBe('OK');
      expect(await own.clientGetname()).toBe('renamed');
      const listed = await client.clientList({ ID: [id] });
      expect(listed.trim().split('\n')).toHaveLength(1);
      expect(listed).toMatch(new RegExp(`^id=${id} .* name=renamed `));
      expect(await client.clientList({ TYPE: 'pubsub' })).toBe('');
      await expect(client.clientKill({})).rejects.toThrow(
        new TypeError('CLIENT KILL needs at least one filter'),
      );
      expect(await client.clientKill({ ID: id })).toBe(1);
      expect(await client.clientKill({ ID: id })).toBe(0);
      // Its connection was closed: it reconnects, with a new id and the name it was given.
      expect(await own.clientId()).not.toBe(id);
      expect(await own.clientGetname()).toBe('renamed');
    });

    it('CLIENT PAUSE WRITE holds a write from another client until CLIENT UNPAUSE', async () => {
      await using writer = createClient(address);
      await writer.set('paused:key', 'before');
      expect(await client.clientPause(60_000, 'WRITE')).toBe('OK');
      let written = false;
      const write = writer.set('paused:key', 'after').then((reply) => {
        written = true;
        return reply;
      });
      // Reads from other connections go on (the writer's own would wait
      // behind its write); the write waits.
      expect(await client.get('paused:key')).toBe('before');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(written).toBe(false);
      expect(await client.clientUnpause()).toBe('OK');
      expect(await write).toBe('OK');
      expect(await writer.get('paused:key')).toBe('after');
    });

    it('WAIT without replicas: 0 at once for none, 0 after the timeout for one', async () => {
      expect(await client.wait(0, 0)).toBe(0);
      const started = Date.now();
      expect(await client.wait(1, 100)).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    });

    it('CLIENT UNBLOCK ends a WAIT as a timeout, or with an error', async () => {
      await using waiter = createClient(address);
      const id = await waiter.clientId();
      const waiting = waiter.wait(1, 0);
      await expect.poll(() => client.clientList({ ID: [id] })).toMatch(/ flags=b /);
      expect(await client.clientUnblock(id)).toBe(1);
      expect(await waiting).toBe(0);
      const failing = waiter.wait(1, 0).catch((error: Error) => error.message);
      await expect.poll(() => client.clientList({ ID: [id] })).toMatch(/ flags=b /);
      expect(await client.clientUnblock(id, 'ERROR')).toBe(1);
      expect(await failing).toBe('UNBLOCKED client unblocked via CLIENT UNBLOCK');
      expect(await client.clientUnblock(id)).toBe(0);
    });

    it("CLIENT NO-EVICT sets the connection's e flag", async () => {
      await using own = createClient(address);
      expect(await own.clientNoEvict(true)).toBe('OK');
      expect(await own.clientInfo()).toMatch(/ flags=e /);
      expect(await own.clientNoEvict(false)).toBe('OK');
      expect(await own.clientInfo()).toMatch(/ flags=N /);
    });
  });
}
