// Encodings under changing limits against a real redis-server: seeded
// random changes to hashes, sets and sorted sets (adds, increments,
// removals, stores, COPY, RESTORE of each other's DUMP), with the encoding
// settings lowered and raised between them, and OBJECT ENCODING after
// each; every reply compared byte for byte in RESP2 and RESP3. Replies
// that list a hashtable (Redis's bucket order) are not sent: sizes,
// lookups and sorted-set ranges are. (The fixed cases are in
// differential-encoding-limits.test.ts.)
import { describe } from 'vitest';
import { compareSeededScripts, hasRedis, seededRandom, useDifferentialServers } from './helpers.js';

function script(seed: number): string[][] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const member = () => pick([String(int(-40, 40)), `m${int(0, 30)}`, 'x'.repeat(int(1, 12))]);
  // Sets: mostly integers, so they stay intsets until a limit says not.
  const setMember = () => (next() < 0.9 ? String(int(-20, 20)) : member());
  // Mostly short, so a hash or a sorted set meets the entry limits before
  // a long one converts it.
  const value = () => (next() < 0.85 ? String(int(0, 9)) : pick(['v'.repeat(int(1, 12)), '1.5']));
  const field = () => (next() < 0.85 ? `f${int(0, 20)}` : member());
  const zmember = () => (next() < 0.85 ? `m${int(0, 20)}` : member());
  const limit = () => String(pick([0, 1, 2, 3, 5, 8, 16, 128, 512]));
  const hash = () => pick(['h1', 'h2']);
  const set = () => pick(['s1', 's2']);
  const zset = () => pick(['z1', 'z2']);
  const commands: string[][] = [];
  const makers: (() => string[])[] = [
    () => [
      'CONFIG',
      'SET',
      pick([
        'hash-max-listpack-entries',
        'hash-max-ziplist-entries',
        'set-max-intset-entries',
        'zset-max-listpack-entries',
      ]),
      limit(),
    ],
    () => [
      'CONFIG',
      'SET',
      pick(['hash-max-listpack-value', 'zset-max-listpack-value', 'zset-max-ziplist-value']),
      String(pick([0, 1, 3, 5, 8, 64])),
    ],
    () => ['HSET', hash(), ...Array.from({ length: int(1, 4) }, () => [field(), value()]).flat()],
    () => ['HSETNX', hash(), field(), value()],
    () => ['HINCRBY', hash(), field(), String(int(-5, 5))],
    () => ['HINCRBYFLOAT', hash(), field(), pick(['0.5', '1e5', '-3'])],
    () => ['HDEL', hash(), field(), field()],
    () => ['HLEN', hash()],
    () => ['OBJECT', 'ENCODING', hash()],
    () => ['OBJECT', 'ENCODING', zset()],
    () => ['HMGET', hash(), field(), field()],
    () => ['SADD', set(), ...Array.from({ length: int(1, 4) }, setMember)],
    () => ['SREM', set(), setMember(), setMember()],
    () => ['OBJECT', 'ENCODING', set()],
    () => ['SCARD', set()],
    () => ['SMISMEMBER', set(), setMember(), setMember()],
    () => [pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), 'sd', 's1', 's2'],
    () => ['SMOVE', set(), set(), setMember()],
    () => [
      'ZADD',
      zset(),
      ...Array.from({ length: int(1, 4) }, () => [String(int(-9, 9)), zmember()]).flat(),
    ],
    () => ['ZINCRBY', zset(), String(int(-3, 3)), zmember()],
    () => ['ZREM', zset(), zmember(), zmember()],
    () => ['ZRANGE', zset(), '0', '-1', 'WITHSCORES'],
    () => [pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']), 'zd', '2', 'z1', 'z2'],
    () => ['ZRANGESTORE', 'zd', zset(), '0', String(int(0, 10))],
    () => ['ZPOPMIN', zset(), String(int(1, 3))],
    () => ['COPY', pick(['h1', 's1', 'z1']), pick(['c1', 'c2']), 'REPLACE'],
    () => [
      'OBJECT',
      'ENCODING',
      pick(['h1', 'h2', 's1', 's2', 'z1', 'z2', 'sd', 'zd', 'c1', 'c2']),
    ],
    () => ['ZRANGE', 'zd', '0', '-1', 'WITHSCORES'],
    () => ['SCARD', 'sd'],
  ];
  for (let i = 0; i < 400; i++) commands.push(pick(makers)());
  for (const key of ['h1', 'h2', 's1', 's2', 'z1', 'z2', 'sd', 'zd', 'c1', 'c2'])
    commands.push(['OBJECT', 'ENCODING', key]);
  commands.push([
    'CONFIG',
    'SET',
    'hash-max-listpack-entries',
    '512',
    'hash-max-listpack-value',
    '64',
    'set-max-intset-entries',
    '512',
    'zset-max-listpack-entries',
    '128',
    'zset-max-listpack-value',
    '64',
  ]);
  return commands;
}

describe.skipIf(!hasRedis())('differential: encodings under changing limits, random', () => {
  const ports = useDifferentialServers();

  compareSeededScripts(ports, [1, 2, 3, 4, 5, 6], script, 'hashtable');
});
