// The encoding settings against a real redis-server (hash-max-listpack-*,
// set-max-intset-entries, zset-max-listpack-*, list-max-listpack-size,
// list-compress-depth, and their Redis 6 aliases): CONFIG GET and SET with
// their range and parse errors; then, with limits lowered and raised, the
// encoding each type takes (OBJECT ENCODING), kept when the limit changes
// back; the stores (SINTERSTORE, SUNIONSTORE, ZUNIONSTORE, ZRANGESTORE,
// SORT STORE, COPY); RESTORE of a compact payload past the limits; and a
// list's quicklist under each fill (DEBUG OBJECT, MEMORY USAGE, DUMP's
// bytes). Every reply compared byte for byte, the LRU clock and the
// address of DEBUG OBJECT left out.
import { describe, it } from 'vitest';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const DEFAULTS = [
  ['hash-max-listpack-entries', '512'],
  ['hash-max-listpack-value', '64'],
  ['set-max-intset-entries', '512'],
  ['zset-max-listpack-entries', '128'],
  ['zset-max-listpack-value', '64'],
  ['list-max-listpack-size', '-2'],
  ['list-compress-depth', '0'],
];

const numbers = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => String(from + i));

// Sends each command to both and expects the same bytes back (DEBUG
// OBJECT's address and LRU clock left out), then puts the defaults back.
function compare(
  ports: { redis: number; ours: number },
  commands: readonly (readonly (string | Buffer)[])[],
): Promise<void> {
  return compareEach(ports, commands, {
    normalize: (reply) =>
      reply
        .replace(/Value at:0x[0-9a-f]+/, 'Value at:<address>')
        .replace(/lru:\d+ lru_seconds_idle:\d+/, 'lru:<clock> lru_seconds_idle:<idle>'),
    reset: [['CONFIG', 'SET', ...DEFAULTS.flat()], ['FLUSHALL']],
  });
}

describe.skipIf(!hasRedis())('differential: encoding settings', () => {
  const ports = useDifferentialServers({ enableDebugCommand: 'yes' });

  it('gets and sets them, by their names and their aliases, with Redis errors', async () => {
    await compare(ports, [
      ...DEFAULTS.map(([name]) => ['CONFIG', 'GET', name!]),
      ['CONFIG', 'GET', 'HASH-MAX-ZIPLIST-ENTRIES'],
      ['CONFIG', 'GET', 'zset-max-ziplist-value'],
      ['CONFIG', 'GET', 'list-max-ziplist-size'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '7'],
      ['CONFIG', 'GET', 'hash-max-listpack-entries'],
      // A setting and its alias are not duplicates: the later one wins.
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '1', 'hash-max-ziplist-entries', '2'],
      ['CONFIG', 'GET', 'hash-max-listpack-entries'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '3', 'HASH-MAX-ZIPLIST-ENTRIES', '4'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '-1'],
      ['CONFIG', 'SET', 'HASH-max-ziplist-entries', '1kb'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '1e3'],
      ['CONFIG', 'SET', 'hash-max-listpack-value', '1kb'],
      ['CONFIG', 'GET', 'hash-max-ziplist-value'],
      ['CONFIG', 'SET', 'zset-max-ziplist-value', 'x'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '9223372036854775807'],
      ['CONFIG', 'GET', 'set-max-intset-entries'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '9223372036854775808'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '-2147483649'],
      ['CONFIG', 'SET', 'list-max-ziplist-size', '2147483647'],
      ['CONFIG', 'GET', 'list-max-listpack-size'],
      ['CONFIG', 'SET', 'list-compress-depth', '-1'],
      ['CONFIG', 'SET', 'list-compress-depth', '3'],
      ['CONFIG', 'GET', 'list-compress-depth'],
      // The script time limit's Redis 6 name is an alias too.
      ['CONFIG', 'GET', 'lua-time-limit'],
      ['CONFIG', 'SET', 'lua-time-limit', '100'],
      ['CONFIG', 'GET', 'busy-reply-threshold'],
      ['CONFIG', 'GET', 'lua*'],
      ['CONFIG', 'SET', 'lua-time-limit', '5000'],
    ]);
  });

  it('converts hashes, sets and sorted sets by the limits in force', async () => {
    await compare(ports, [
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '2', 'hash-max-listpack-value', '3'],
      ['HSET', 'h', 'a', '1', 'b', '2'],
      ['OBJECT', 'ENCODING', 'h'],
      ['HSET', 'h', 'c', '3'],
      ['OBJECT', 'ENCODING', 'h'],
      ['HSET', 'h2', 'a', '1234'],
      ['OBJECT', 'ENCODING', 'h2'],
      ['HSET', 'h3', 'abcd', '1'],
      ['OBJECT', 'ENCODING', 'h3'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '0'],
      ['HSET', 'h4', 'a', '1'],
      ['OBJECT', 'ENCODING', 'h4'],
      // Raised again: what converted stays converted.
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '512', 'hash-max-listpack-value', '64'],
      ['OBJECT', 'ENCODING', 'h'],
      ['HSET', 'h5', 'a', '1'],
      ['OBJECT', 'ENCODING', 'h5'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '3'],
      ['SADD', 's', '1', '2', '3'],
      ['OBJECT', 'ENCODING', 's'],
      ['SADD', 's', '4'],
      ['OBJECT', 'ENCODING', 's'],
      ['SADD', 's2', ...numbers(3, 10)],
      ['SINTERSTORE', 'si', 's', 's'],
      ['OBJECT', 'ENCODING', 'si'],
      ['SUNIONSTORE', 'su', 's2'],
      ['OBJECT', 'ENCODING', 'su'],
      ['SDIFFSTORE', 'sd', 's', 's2'],
      ['OBJECT', 'ENCODING', 'sd'],
      ['SCARD', 'sd'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '0'],
      ['SADD', 's3', '1'],
      ['OBJECT', 'ENCODING', 's3'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '2', 'zset-max-listpack-value', '3'],
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['OBJECT', 'ENCODING', 'z'],
      ['ZADD', 'z', '3', 'c'],
      ['OBJECT', 'ENCODING', 'z'],
      ['ZADD', 'z2', '1', 'abcd'],
      ['OBJECT', 'ENCODING', 'z2'],
      ['ZADD', 'z3', '1', 'a', '2', 'b'],
      ['ZUNIONSTORE', 'zu', '1', 'z3'],
      ['OBJECT', 'ENCODING', 'zu'],
      ['ZUNIONSTORE', 'zu2', '1', 'z'],
      ['OBJECT', 'ENCODING', 'zu2'],
      ['ZRANGESTORE', 'zr', 'z', '0', '-1'],
      ['OBJECT', 'ENCODING', 'zr'],
      ['ZRANGESTORE', 'zr2', 'z', '0', '1'],
      ['OBJECT', 'ENCODING', 'zr2'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'],
      ['ZADD', 'z4', '1', 'a'],
      ['OBJECT', 'ENCODING', 'z4'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '128', 'zset-max-listpack-value', '64'],
      ['OBJECT', 'ENCODING', 'z'],
      ['COPY', 'z3', 'z3copy'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '1'],
      ['COPY', 'z3', 'z3copy2'],
      ['OBJECT', 'ENCODING', 'z3copy2'],
      ['ZADD', 'z3copy2', '5', 'e'],
      ['OBJECT', 'ENCODING', 'z3copy2'],
    ]);
  });

  it('restores and loads compact values past lowered limits in the encoding Redis loads them in', async () => {
    const commands: string[][] = [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['SADD', 's', '1', '2', '3'],
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      ['RPUSH', 'l', ...numbers(10)],
    ];
    await compare(ports, [
      ...commands,
      ...['h', 's', 'z', 'l'].map((key) => ['DUMP', key]),
      [
        'CONFIG',
        'SET',
        'hash-max-listpack-entries',
        '2',
        'set-max-intset-entries',
        '2',
        'zset-max-listpack-entries',
        '2',
        'list-max-listpack-size',
        '3',
      ],
      ['DEBUG', 'RELOAD'],
      ...['h', 's', 'z', 'l'].map((key) => ['OBJECT', 'ENCODING', key]),
      // (Not its nodes: Redis keeps those it saved; see internal/quicklist.ts.)
      ['LRANGE', 'l', '0', '-1'],
      // Hashtables: their order is Redis's buckets'.
      ['HMGET', 'h', 'a', 'b', 'c'],
      ['SMISMEMBER', 's', '1', '2', '3', '4'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ]);
    // RESTORE of Redis's compact payloads under the lowered limits.
    const redis = await RawClient.connect(ports.redis);
    const payloads: Buffer[] = [];
    try {
      redis.send(commands);
      await redis.read(commands.length);
      for (const key of ['h', 's', 'z']) {
        redis.send([['DUMP', key]]);
        const reply = await redis.read(1);
        payloads.push(Buffer.from(reply.slice(reply.indexOf('\r\n') + 2, -2), 'latin1'));
      }
      redis.send([['FLUSHALL']]);
      await redis.read(1);
    } finally {
      redis.close();
    }
    await compare(ports, [
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '2', 'set-max-intset-entries', '2'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
      ...['h', 's', 'z'].flatMap((key, i) => [
        ['RESTORE', key, '0', payloads[i]!],
        ['OBJECT', 'ENCODING', key],
      ]),
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '512', 'set-max-intset-entries', '512'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
      ...['h', 's', 'z'].map((key, i) => ['RESTORE', `${key}2`, '0', payloads[i]!]),
      ...['h2', 's2', 'z2'].map((key) => ['OBJECT', 'ENCODING', key]),
    ]);
  });

  it("lays a list's quicklist out by the fill it was created under", async () => {
    const commands: string[][] = [];
    for (const fill of ['-1', '-2', '-3', '-5', '-9', '0', '1', '3', '128', '40000']) {
      commands.push(
        ['CONFIG', 'SET', 'list-max-ziplist-size', fill],
        ['RPUSH', `l${fill}`, ...numbers(3000)],
        ['RPUSH', `w${fill}`, ...numbers(40).map((n) => n.repeat(90))],
        ['DEBUG', 'OBJECT', `l${fill}`],
        ['DEBUG', 'OBJECT', `w${fill}`],
        ['MEMORY', 'USAGE', `l${fill}`],
        ['MEMORY', 'USAGE', `w${fill}`],
        ['DUMP', `w${fill}`],
      );
    }
    commands.push(
      // A list keeps its fill: later pushes follow it, not the setting.
      ['CONFIG', 'SET', 'list-max-listpack-size', '2'],
      ['RPUSH', 'l-1', 'x', 'y'],
      ['DEBUG', 'OBJECT', 'l-1'],
      ['LMOVE', 'l3', 'moved', 'LEFT', 'RIGHT'],
      ['RPUSH', 'moved', 'a', 'b', 'c'],
      ['DEBUG', 'OBJECT', 'moved'],
      // SORT STORE makes its list with quicklist's own default fill.
      ['SORT', 'l3', 'STORE', 'sorted'],
      ['DEBUG', 'OBJECT', 'sorted'],
      ['COPY', 'l3', 'copied'],
      ['DEBUG', 'OBJECT', 'copied'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '-2'],
    );
    await compare(ports, commands);
  });
});
