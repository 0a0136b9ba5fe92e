// Keyspace notifications against a real redis-server: for every command
// that changes, creates, deletes or misses a key, the messages a PSUBSCRIBE
// to `__key*__:*` receives, in order, with each class on (KEA plus n and
// m) and with a few subsets; the expired event from both paths; CONFIG
// GET's spelling of the setting and CONFIG SET's refusal. Each command is
// followed by a PUBLISH to a marker channel, so the events a command
// caused are exactly those before its marker.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A RESP2 reply as one line: array and bulk headers dropped, a null bulk
// as (nil), simple strings, integers and errors with their type mark
// (`*2 $3 foo :1` reads as `foo :1`).
function words(reply: string): string {
  return reply
    .split('\r\n')
    .filter((line) => line !== '' && !line.startsWith('*') && !/^\$\d/.test(line))
    .map((line) => (line === '$-1' ? '(nil)' : line))
    .join(' ');
}

// Runs `commands` one by one; for each, its reply and the notifications it caused.
async function transcript(port: number, commands: string[][], setting: string): Promise<string[]> {
  const client = await RawClient.connect(port);
  const subscriber = await RawClient.connect(port);
  const log: string[] = [];
  try {
    client.send([['FLUSHALL'], ['CONFIG', 'SET', 'notify-keyspace-events', setting]]);
    log.push(`setup ${words(await client.read(2))}`);
    subscriber.send([['PSUBSCRIBE', '__key*__:*', 'marker']]);
    await subscriber.read(2);
    let marker = 0;
    // Inside MULTI the marker would be queued too: a transaction's events
    // are those of its EXEC.
    let queuing = false;
    for (const command of commands) {
      if (command[0] === 'sleep') {
        await sleep(Number(command[1]));
        continue;
      }
      client.send([command]);
      const reply = words(await client.read(1));
      if (command[0] === 'MULTI') queuing = true;
      if (command[0] === 'EXEC') queuing = false;
      if (queuing) {
        log.push(`${command.join(' ')} -> ${reply}`);
        continue;
      }
      client.send([['PUBLISH', 'marker', String(++marker)]]);
      await client.read(1);
      const events: string[] = [];
      let seen = false;
      while (!seen) {
        // One read may hold several messages.
        const messages = (await subscriber.read(1)).split(/(?=\*4\r\n\$8\r\npmessage\r\n)/);
        for (const message of messages) {
          if (message === '') continue;
          // pmessage, the pattern, then the channel and the message.
          const [, pattern, channel, payload] = words(message).split(' ');
          if (pattern === 'marker') seen = true;
          else events.push(`${channel} ${payload}`);
        }
      }
      log.push(`${command.join(' ')} -> ${reply}${events.map((e) => `\n    ${e}`).join('')}`);
    }
    return log;
  } finally {
    client.close();
    subscriber.close();
  }
}

// Every string and generic command, each way it can notify, and the reads that miss.
const COMMANDS: string[][] = [
  ['SET', 'k', '10'],
  ['INCR', 'k'],
  ['DECR', 'k'],
  ['INCRBY', 'k', '5'],
  ['DECRBY', 'k', '2'],
  ['INCRBYFLOAT', 'k', '1.5'],
  ['INCR', 'n1'],
  ['INCRBYFLOAT', 'n2', '1'],
  ['INCR', 'k'],
  ['APPEND', 'k', 'x'],
  ['APPEND', 'a1', 'x'],
  ['SETRANGE', 'k', '0', 'ab'],
  ['SETRANGE', 'r1', '0', ''],
  ['SETRANGE', 'r2', '2', 'ab'],
  ['SETRANGE', 'k', '1', ''],
  ['SETRANGE', 'k', '1', 'a'],
  ['GETSET', 'k', 'z'],
  ['GETSET', 'g1', 'v'],
  ['GETDEL', 'k'],
  ['GETDEL', 'k'],
  ['SETNX', 'k', 'v'],
  ['SETNX', 'k', 'v'],
  ['SETEX', 's1', '100', 'v'],
  ['PSETEX', 'p1', '100000', 'v'],
  ['SETEX', 's2', '0', 'v'],
  ['MSET', 'm1', '1', 'm2', '2', 'm1', '3'],
  ['MSETNX', 'm3', '1', 'm4', '2'],
  ['MSETNX', 'm3', '1', 'm5', '3'],
  ['SET', 'k', 'v', 'NX'],
  ['SET', 'k', 'w', 'XX', 'GET'],
  ['SET', 'x1', 'w', 'XX', 'GET'],
  ['SET', 'x2', 'w', 'KEEPTTL', 'GET'],
  ['SET', 'k', 'v', 'EX', '100'],
  ['SET', 'k', 'v', 'KEEPTTL'],
  ['SET', 'k', 'v', 'PX', '0'],
  ['SET', 'k', 'v', 'PXAT', '99999999999999'],
  ['GETEX', 'k'],
  ['GETEX', 'k', 'PERSIST'],
  ['GETEX', 'k', 'PERSIST'],
  ['GETEX', 'k', 'EX', '50'],
  ['GETEX', 'k', 'PX', '50000'],
  ['GETEX', 'k', 'EXAT', '1'],
  ['GETEX', 'nokey'],
  ['GETEX', 'nokey', 'EX', '10'],
  ['MSET', 'a', '1', 'b', '2', 'c', '3'],
  ['DEL', 'a', 'x', 'b'],
  ['UNLINK', 'c', 'y'],
  ['SET', 'e', 'v'],
  ['EXPIRE', 'e', '100'],
  ['PEXPIRE', 'e', '200000', 'GT'],
  ['EXPIRE', 'e', '100', 'NX'],
  ['EXPIRE', 'e', '10', 'LT'],
  ['PERSIST', 'e'],
  ['PERSIST', 'e'],
  ['EXPIRE', 'e', '100', 'XX'],
  ['EXPIREAT', 'e', '99999999999'],
  ['PEXPIREAT', 'e', '99999999999999'],
  ['EXPIRE', 'e', '-1'],
  ['EXPIRE', 'nokey', '10'],
  ['SET', 'e', 'v'],
  ['PEXPIREAT', 'e', '1'],
  ['SET', 'e', 'v'],
  ['EXPIRE', 'e', '0'],
  ['PERSIST', 'nokey'],
  ['SET', 'k', 'v'],
  ['RENAME', 'k', 'k2'],
  ['RENAME', 'k2', 'k2'],
  ['SET', 'k3', 'x'],
  ['RENAME', 'k2', 'k3'],
  ['RENAMENX', 'k3', 'k4'],
  ['SET', 'k5', 'v'],
  ['RENAMENX', 'k4', 'k5'],
  ['RENAME', 'nokey', 'k6'],
  ['RENAMENX', 'nokey', 'k6'],
  ['SET', 'mv', '1'],
  ['MOVE', 'mv', '1'],
  ['MOVE', 'mv', '1'],
  ['MOVE', 'nokey', '1'],
  ['SET', 'mv', '2'],
  ['MOVE', 'mv', '1'],
  ['SET', 'c1', '1'],
  ['COPY', 'c1', 'c2'],
  ['COPY', 'c1', 'c2'],
  ['COPY', 'c1', 'c2', 'REPLACE'],
  ['COPY', 'nokey', 'c3'],
  ['COPY', 'c1', 'c4', 'DB', '2'],
  ['SELECT', '2'],
  ['GET', 'c4'],
  ['DEL', 'c4'],
  ['SELECT', '0'],
  ['SWAPDB', '0', '1'],
  ['SWAPDB', '0', '1'],
  ['MGET', 'nokey', 'k5', 'nokey2'],
  ['GET', 'nokey'],
  ['STRLEN', 'nokey'],
  ['GETRANGE', 'nokey', '0', '1'],
  ['SUBSTR', 'nokey', '0', '1'],
  ['EXISTS', 'nokey', 'k5'],
  ['TYPE', 'nokey'],
  ['TTL', 'nokey'],
  ['PTTL', 'nokey'],
  ['EXPIRETIME', 'nokey'],
  ['PEXPIRETIME', 'nokey'],
  ['GETBIT', 'nokey', '1'],
  ['BITCOUNT', 'nokey'],
  ['BITPOS', 'nokey', '1'],
  ['LCS', 'nokey', 'k5'],
  ['LCS', 'k5', 'nokey'],
  ['TOUCH', 'nokey', 'k5'],
  ['SETBIT', 'b', '3', '1'],
  ['SETBIT', 'b', '3', '1'],
  ['SETBIT', 'b', '3', '0'],
  ['SETBIT', 'z', '3', '0'],
  ['SETBIT', 'z', '3', '0'],
  ['SETBIT', 'z', '100', '0'],
  ['BITFIELD', 'bf', 'SET', 'u8', '0', '1', 'GET', 'u8', '0'],
  ['BITFIELD', 'bf', 'SET', 'u8', '0', '1'],
  ['BITFIELD', 'bf', 'INCRBY', 'u8', '0', '0'],
  ['BITFIELD', 'bf', 'INCRBY', 'u8', '0', '1'],
  ['BITFIELD', 'bf2', 'GET', 'u8', '0'],
  ['BITFIELD', 'bf3', 'SET', 'u8', '0', '0'],
  ['BITFIELD', 'bf4', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'],
  ['BITFIELD', 'bf', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'],
  ['BITFIELD_RO', 'bf5', 'GET', 'u8', '0'],
  ['BITFIELD_RO', 'bf', 'GET', 'u8', '0'],
  ['BITOP', 'AND', 'dst', 'nokey', 'nokey2'],
  ['SET', 'src', 'abc'],
  ['BITOP', 'OR', 'dst', 'src', 'nokey'],
  ['BITOP', 'OR', 'dst', 'src'],
  ['BITOP', 'NOT', 'dst', 'nokey'],
  ['BITOP', 'NOT', 'dst', 'nokey'],
  // Hashes: their h events, a new key's new, the del of an emptied hash,
  // and the keymiss of each read of a missing key.
  ['HSET', 'h', 'a', '1', 'b', '2'],
  ['HSET', 'h', 'a', '1'],
  ['HMSET', 'h', 'c', '3'],
  ['HSETNX', 'h', 'a', 'x'],
  ['HSETNX', 'h', 'd', 'x'],
  ['HSETNX', 'h2', 'd', 'x'],
  ['HINCRBY', 'h', 'n', '5'],
  ['HINCRBY', 'h3', 'n', '5'],
  ['HINCRBY', 'h', 'a', '9223372036854775807'],
  ['HINCRBYFLOAT', 'h', 'f', '1.5'],
  ['HINCRBYFLOAT', 'h4', 'f', '1.5'],
  ['HINCRBYFLOAT', 'h', 'd', '1'],
  ['HDEL', 'h', 'zz'],
  ['HDEL', 'h', 'a', 'b'],
  ['HDEL', 'h2', 'd'],
  ['HDEL', 'nokey', 'a'],
  ['HGET', 'h', 'c'],
  ['HGET', 'nokey', 'c'],
  ['HMGET', 'nokey', 'a', 'b'],
  ['HGETALL', 'nokey'],
  ['HKEYS', 'nokey'],
  ['HVALS', 'nokey'],
  ['HLEN', 'nokey'],
  ['HEXISTS', 'nokey', 'a'],
  ['HSTRLEN', 'nokey', 'a'],
  ['HRANDFIELD', 'nokey'],
  ['HRANDFIELD', 'nokey', '2'],
  ['HSCAN', 'nokey', '0'],
  ['HGET', 'k5', 'a'],
  ['SET', 'h3', 'now-a-string'],
  ['HSET', 'h4', 'x', '1'],
  ['EXPIRE', 'h4', '100'],
  ['RENAME', 'h4', 'h5'],
  ['COPY', 'h5', 'h6'],
  ['DEL', 'h5', 'h6'],
  // Sets: their s events, the del of an emptied set, the stores' events
  // (or del when empty), SMOVE's pair, and reads' keymiss.
  ['SADD', 's1', 'a', 'b'],
  ['SADD', 's1', 'a'],
  ['SREM', 's1', 'zz'],
  ['SREM', 's1', 'a'],
  ['SADD', 's2', '1', '2', '3'],
  ['SMOVE', 's1', 's3', 'b'],
  ['SMOVE', 's2', 's3', 'zz'],
  ['SMOVE', 's2', 's3', '1'],
  ['SMOVE', 's3', 's3', 'b'],
  ['SPOP', 's2', '0'],
  ['SPOP', 's3', '5'],
  ['SADD', 's4', 'x'],
  ['SPOP', 's4'],
  ['SPOP', 'nokey'],
  ['SPOP', 'nokey', '2'],
  ['SADD', 's5', '1', '2'],
  ['SADD', 's6', '2', '3'],
  ['SINTERSTORE', 'd1', 's5', 's6'],
  ['SUNIONSTORE', 'd1', 's5', 's6'],
  ['SDIFFSTORE', 'd2', 's5', 's6'],
  ['SINTERSTORE', 'd2', 's5', 'nokey'],
  ['SINTERSTORE', 'd9', 's5', 'nokey'],
  ['SDIFFSTORE', 'd1', 's5', 's5'],
  ['SMEMBERS', 'nokey'],
  ['SCARD', 'nokey'],
  ['SISMEMBER', 'nokey', 'a'],
  ['SMISMEMBER', 'nokey', 'a'],
  ['SRANDMEMBER', 'nokey'],
  ['SRANDMEMBER', 'nokey', '2'],
  ['SINTER', 's5', 'nokey', 'nokey2'],
  ['SINTERCARD', '2', 'nokey', 's5'],
  ['SUNION', 'nokey', 's5'],
  ['SDIFF', 's5', 'nokey'],
  ['SSCAN', 'nokey', '0'],
  ['SREM', 's5', '1', '2'],
  // Lists: l events, LMOVE's push before its pop, the del of an emptied
  // list, LTRIM's event even when nothing goes, and reads' keymiss.
  ['RPUSH', 'l1', 'a', 'b', 'c', 'd'],
  ['LPUSH', 'l1', 'z'],
  ['LPUSHX', 'nokey', 'a'],
  ['RPUSHX', 'l1', 'e'],
  ['LPOP', 'l1'],
  ['RPOP', 'l1', '2'],
  ['LPOP', 'l1', '0'],
  ['LSET', 'l1', '0', 'x'],
  ['LINSERT', 'l1', 'BEFORE', 'x', 'w'],
  ['LINSERT', 'l1', 'BEFORE', 'zz', 'w'],
  ['LREM', 'l1', '0', 'zz'],
  ['LREM', 'l1', '0', 'w'],
  ['LTRIM', 'l1', '0', '-1'],
  ['LMOVE', 'l1', 'l2', 'LEFT', 'RIGHT'],
  ['RPOPLPUSH', 'l1', 'l2'],
  ['RPOPLPUSH', 'l2', 'l2'],
  ['LMPOP', '2', 'nokey', 'l2', 'LEFT', 'COUNT', '1'],
  ['LTRIM', 'l2', '5', '1'],
  ['LPOP', 'nokey'],
  ['LRANGE', 'nokey', '0', '1'],
  ['LLEN', 'nokey'],
  ['LINDEX', 'nokey', '0'],
  ['LPOS', 'nokey', 'a'],
  ['LMPOP', '1', 'nokey', 'LEFT'],
  ['LMOVE', 'nokey', 'l2', 'LEFT', 'LEFT'],
  // Sorted sets: z events (zincr for INCR), the del of an emptied set, the
  // stores' events (or del when empty), pops, and reads' keymiss.
  ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
  ['ZADD', 'z1', '1', 'a'],
  ['ZADD', 'z1', 'XX', '1', 'nope'],
  ['ZADD', 'z1', 'INCR', '1', 'a'],
  ['ZINCRBY', 'z1', '1', 'a'],
  ['ZADD', 'nokey', 'XX', '1', 'a'],
  ['ZREM', 'z1', 'nope'],
  ['ZREM', 'z1', 'a'],
  ['ZPOPMIN', 'z1'],
  ['ZPOPMAX', 'z1', '0'],
  ['ZPOPMAX', 'nokey'],
  ['ZMPOP', '2', 'nokey', 'z1', 'MAX'],
  ['ZADD', 'z2', '1', 'a', '2', 'b', '3', 'c'],
  ['ZREMRANGEBYSCORE', 'z2', '5', '6'],
  ['ZREMRANGEBYSCORE', 'z2', '1', '1'],
  ['ZREMRANGEBYRANK', 'z2', '0', '0'],
  ['ZREMRANGEBYLEX', 'z2', '-', '+'],
  ['ZADD', 'z3', '1', 'a', '2', 'b'],
  ['ZRANGESTORE', 'z4', 'z3', '0', '0'],
  ['ZRANGESTORE', 'z4', 'z3', '5', '6'],
  ['ZUNIONSTORE', 'z5', '2', 'z3', 'nokey'],
  ['ZINTERSTORE', 'z5', '2', 'z3', 'nokey'],
  ['ZDIFFSTORE', 'z6', '1', 'z3'],
  ['ZUNION', '2', 'nokey', 'z3'],
  ['ZINTERCARD', '1', 'nokey'],
  ['ZRANGE', 'nokey', '0', '1'],
  ['ZSCORE', 'nokey', 'a'],
  ['ZMSCORE', 'nokey', 'a'],
  ['ZCARD', 'nokey'],
  ['ZCOUNT', 'nokey', '0', '1'],
  ['ZRANK', 'nokey', 'a'],
  ['ZRANDMEMBER', 'nokey'],
  ['ZSCAN', 'nokey', '0'],
  ['ZPOPMIN', 'z3', '5'],
  // SORT ... STORE notifies sortstore (class l), or del when it stores
  // nothing; its BY and GET lookups miss like reads.
  ['RPUSH', 'sl', '3', '1', '2'],
  ['SORT', 'sl', 'STORE', 'sd'],
  ['SORT', 'sl', 'BY', 'nokey_*', 'GET', 'nokey_*'],
  ['SORT', 'nokey', 'STORE', 'sd'],
  // HyperLogLog: PFADD and PFMERGE notify pfadd (class $); a count that
  // refreshes the cache notifies nothing.
  ['PFADD', 'p1', 'a', 'b'],
  ['PFADD', 'p1', 'a'],
  ['PFADD', 'p2'],
  ['PFCOUNT', 'p1'],
  ['PFCOUNT', 'p1', 'p2', 'nokey'],
  ['PFMERGE', 'p3', 'p1', 'nokey'],
  ['PFMERGE', 'p3'],
  // GEO: GEOADD notifies as ZADD, the stores as georadiusstore and
  // geosearchstore (or del), the reads keymiss.
  ['GEOADD', 'g1', '13.36', '38.11', 'a', '15.08', '37.50', 'b'],
  ['GEOADD', 'g1', 'XX', '1', '2', 'nope'],
  ['GEOADD', 'nokey', 'XX', '1', '2', 'a'],
  ['GEORADIUS', 'g1', '15', '37', '200', 'km', 'STORE', 'g2'],
  ['GEORADIUSBYMEMBER', 'g1', 'a', '500', 'km', 'STOREDIST', 'g2'],
  ['GEOSEARCHSTORE', 'g3', 'g1', 'FROMMEMBER', 'a', 'BYRADIUS', '500', 'km'],
  ['GEOSEARCHSTORE', 'g3', 'g1', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'],
  ['GEOSEARCHSTORE', 'g3', 'nokey', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'],
  ['GEORADIUS', 'nokey', '0', '0', '1', 'km', 'STORE', 'g2'],
  ['GEOSEARCH', 'nokey', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'],
  ['GEOPOS', 'nokey', 'a'],
  ['GEODIST', 'nokey', 'a', 'b'],
  ['GEOHASH', 'nokey', 'a'],
  ['XADD', 'x1', '1-0', 'f', 'v'],
  ['XADD', 'x1', 'MAXLEN', '1', '2-0', 'f', 'v'],
  ['XADD', 'x1', '1-0', 'f', 'v'],
  ['XADD', 'nokey', 'NOMKSTREAM', '1-0', 'f', 'v'],
  ['XADD', 'x1', '3-0', 'f', 'v'],
  ['XDEL', 'x1', '3-0', '9-0'],
  ['XDEL', 'x1', '9-0'],
  ['XTRIM', 'x1', 'MAXLEN', '0'],
  ['XTRIM', 'x1', 'MAXLEN', '0'],
  ['XSETID', 'x1', '5-0'],
  ['XGROUP', 'CREATE', 'x1', 'g', '0'],
  ['XGROUP', 'CREATE', 'x2', 'g', '$', 'MKSTREAM'],
  ['XGROUP', 'SETID', 'x1', 'g', '$'],
  ['XGROUP', 'CREATECONSUMER', 'x1', 'g', 'c'],
  ['XGROUP', 'CREATECONSUMER', 'x1', 'g', 'c'],
  ['XADD', 'x1', '6-0', 'f', 'v'],
  ['XREADGROUP', 'GROUP', 'g', 'd', 'STREAMS', 'x1', '>'],
  ['XCLAIM', 'x1', 'g', 'e', '0', '6-0', 'JUSTID'],
  ['XAUTOCLAIM', 'x1', 'g', 'f', '0', '0', 'JUSTID'],
  ['XCLAIM', 'x1', 'g', 'h', '0', '9-0'],
  ['XACK', 'x1', 'g', '6-0'],
  ['XGROUP', 'DELCONSUMER', 'x1', 'g', 'c'],
  ['XGROUP', 'DESTROY', 'x1', 'g'],
  ['XLEN', 'nokey'],
  ['XRANGE', 'nokey', '-', '+'],
  ['XREAD', 'STREAMS', 'nokey', '0'],
  ['XINFO', 'STREAM', 'nokey'],
  ['XPENDING', 'nokey', 'g'],
  ['XACK', 'nokey', 'g', '1-0'],
  ['MULTI'],
  ['SET', 't1', '1'],
  ['INCR', 't1'],
  ['GET', 'nokey'],
  ['EXEC'],
  ['DBSIZE'],
  ['KEYS', 'nokey*'],
  ['FLUSHDB'],
  ['FLUSHALL'],
];

describe.skipIf(!hasRedis())('differential: keyspace notifications', () => {
  const ports = useDifferentialServers();

  it('sends what Redis sends, in its order, for every command', async () => {
    const ours = await transcript(ports.ours, COMMANDS, 'KEAnm');
    const redis = await transcript(ports.redis, COMMANDS, 'KEAnm');
    if (process.env.DUMP_NOTIFICATIONS) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync('/tmp/kn/ours.txt', ours.join('\n'));
      writeFileSync('/tmp/kn/redis.txt', redis.join('\n'));
    }
    expect(ours).toEqual(redis);
    // The transcript did notify: guard against two silent servers.
    expect(redis.join('\n')).toContain('__keyevent@0__:rename_to k4');
    expect(redis.join('\n')).toContain('__keyevent@0__:hincrbyfloat h4');
    expect(redis.join('\n')).toContain('__keyevent@0__:hdel h2');
    expect(redis.join('\n')).toContain('__keyevent@0__:sdiffstore d2');
    expect(redis.join('\n')).toContain('__keyevent@0__:spop s4');
    expect(redis.join('\n')).toContain('__keyevent@0__:linsert l1');
    expect(redis.join('\n')).toContain('__keyevent@0__:xgroup-createconsumer x1');
  });

  it('sends only the classes and channels asked for', async () => {
    const commands = [
      ['SET', 'k', 'v', 'EX', '100'],
      ['INCR', 'n'],
      ['GET', 'nokey'],
      ['DEL', 'k', 'n'],
      ['SET', 'e', 'v', 'PX', '30'],
      ['sleep', '200'],
      ['GET', 'e'],
    ];
    for (const setting of ['Kg', 'E$', 'Ex', 'Km', 'En', 'K$g', 'gx', 'A', 'KEA', 'KElm', '']) {
      const ours = await transcript(ports.ours, commands, setting);
      const redis = await transcript(ports.redis, commands, setting);
      expect({ setting, log: ours }).toEqual({ setting, log: redis });
      // Each class and channel chosen shows up; none other does.
      if (setting === 'Ex') expect(redis.join('\n')).toContain('__keyevent@0__:expired e');
      if (setting === 'Km') expect(redis.join('\n')).toContain('__keyspace@0__:nokey keymiss');
      if (setting === '') expect(redis.join('\n')).not.toContain('__key');
    }
  });

  it('sends expired for a key whose time passed, then keymiss for its read', async () => {
    const commands = [
      ['SET', 'e1', 'v', 'PX', '20'],
      ['PSETEX', 'e2', '20', 'v'],
      ['SET', 'e3', 'v'],
      ['PEXPIRE', 'e3', '20'],
      ['sleep', '300'],
      ['GET', 'e1'],
      ['SET', 'e2', 'again'],
      ['EXISTS', 'e3'],
    ];
    const ours = await transcript(ports.ours, commands, 'KEAnm');
    const redis = await transcript(ports.redis, commands, 'KEAnm');
    // Redis's active expiry samples keys at its own pace, so the expired
    // events may come with any later command: compare them as a set, and
    // the rest in order.
    const split = (log: string[]) => {
      const expired: string[] = [];
      const rest = log.map((entry) =>
        entry
          .split('\n')
          .filter((line) => {
            if (!/ expired$|:expired /.test(line)) return true;
            expired.push(line.trim());
            return false;
          })
          .join('\n'),
      );
      return { rest, expired: expired.sort() };
    };
    expect(split(ours)).toEqual(split(redis));
    expect(split(redis).expired).toHaveLength(6);
  });

  it("gives a RESP3 connection its own command's notifications before the reply", async () => {
    const run = async (port: number) => {
      const client = await RawClient.connect(port);
      try {
        client.send([
          ['FLUSHALL'],
          ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
          ['HELLO', '3'],
          ['PSUBSCRIBE', '__key*__:*'],
        ]);
        await client.read(4);
        // Inside EXEC they come in the middle of its array, as in Redis 7.0.
        client.send([
          ['SET', 'k', 'v'],
          ['MULTI'],
          ['SET', 'k', 'w'],
          ['DEL', 'k'],
          ['EXEC'],
          ['PING'],
        ]);
        await sleep(100);
        return client.drain();
      } finally {
        client.close();
      }
    };
    const redis = await run(ports.redis);
    expect(await run(ports.ours)).toBe(redis);
    expect(redis).toMatch(/^>4\r\n\$8\r\npmessage\r\n/);
  });

  it('spells the setting as CONFIG GET does, and refuses an unknown class', async () => {
    const run = async (port: number) => {
      const client = await RawClient.connect(port);
      const log: string[] = [];
      try {
        for (const setting of [
          '',
          'A',
          'K',
          'Ex$',
          'KEA',
          'KEAnm',
          'AKEmn',
          'g$lshzxetd',
          'g$lshzxet',
          'xEgK',
          'Kn',
          'Em',
          'AA',
          'ndtg',
          'mn',
          'KEnm$',
          'Kq',
          'kE',
          'K E',
        ]) {
          client.send([
            ['CONFIG', 'SET', 'notify-keyspace-events', setting],
            ['CONFIG', 'GET', 'notify-keyspace-events'],
          ]);
          log.push(`${JSON.stringify(setting)} -> ${words(await client.read(2))}`);
        }
        client.send([['CONFIG', 'SET', 'notify-keyspace-events', '']]);
        await client.read(1);
        return log;
      } finally {
        client.close();
      }
    };
    const redis = await run(ports.redis);
    expect(await run(ports.ours)).toEqual(redis);
    expect(redis).toContain('"KEAnm" -> +OK notify-keyspace-events AKEm');
  });
});
