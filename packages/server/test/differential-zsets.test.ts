// Large sorted sets against a real redis-server: sets of hundreds of
// members (Redis's skiplist encoding, where ranks and ranges walk its skip
// list's spans) with many equal scores, then seeded random ranges by rank,
// score and member in both directions, counts, ranks, removals, pops,
// stores and increments, each reply compared byte for byte in RESP2 and
// RESP3. A sorted set's order is Redis's own in either encoding, so every
// reply here is deterministic (member ranges run on a set of equal
// scores, the only kind Redis defines them for). (The small-set cases are in
// differential.test.ts.)
import { describe } from 'vitest';
import { compareSeededScripts, hasRedis, seededRandom, useDifferentialServers } from './helpers.js';

function script(seed: number): string[][] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  // Few distinct scores, so ties (ordered by member) are everywhere.
  const score = () =>
    pick(['0', '1', '1.5', '2', '-3', '1e3', '0.1', 'inf', '-inf', String(int(-50, 50))]);
  const member = () => `m${int(0, 499)}`;
  const bound = () =>
    pick(['-inf', '+inf', String(int(-60, 60)), `(${int(-60, 60)}`, '1.5', '(1.5']);
  const lex = () => pick(['-', '+', `[m${int(0, 499)}`, `(m${int(0, 499)}`, '[m', '(m4']);
  const rank = () => String(int(-600, 600));
  const commands: string[][] = [];
  for (const key of ['z1', 'z2']) {
    for (let chunk = 0; chunk < 8; chunk++) {
      const pairs: string[] = [];
      for (let i = 0; i < 50; i++) pairs.push(score(), member());
      commands.push(['ZADD', key, ...pairs]);
    }
    commands.push(['OBJECT', 'ENCODING', key], ['ZCARD', key]);
  }
  // Member ranges assume equal scores (Redis leaves other sets' results
  // unspecified: they follow its skip list's random levels), so they go
  // to zl, whose members all score 0.
  for (let chunk = 0; chunk < 8; chunk++)
    commands.push(['ZADD', 'zl', ...Array.from({ length: 50 }, () => ['0', member()]).flat()]);
  const key = () => pick(['z1', 'z2']);
  const makers: (() => string[])[] = [
    () => ['ZRANGE', key(), rank(), rank(), ...(next() < 0.5 ? ['REV'] : []), 'WITHSCORES'],
    () => [
      'ZRANGE',
      key(),
      bound(),
      bound(),
      'BYSCORE',
      ...(next() < 0.5 ? ['REV'] : []),
      ...(next() < 0.5 ? ['LIMIT', String(int(-1, 300)), String(int(-1, 50))] : []),
      ...(next() < 0.5 ? ['WITHSCORES'] : []),
    ],
    () => [
      'ZRANGE',
      'zl',
      lex(),
      lex(),
      'BYLEX',
      ...(next() < 0.5 ? ['REV'] : []),
      ...(next() < 0.5 ? ['LIMIT', String(int(0, 300)), String(int(-1, 50))] : []),
    ],
    () => ['ZCOUNT', key(), bound(), bound()],
    () => ['ZLEXCOUNT', 'zl', lex(), lex()],
    () => [pick(['ZRANGEBYLEX', 'ZREVRANGEBYLEX']), 'zl', lex(), lex()],
    () => [pick(['ZRANK', 'ZREVRANK', 'ZSCORE']), key(), member()],
    () => ['ZMSCORE', key(), member(), member(), member()],
    () => ['ZINCRBY', key(), pick(['1', '-2.5', '0.1', '100']), member()],
    () => ['ZADD', key(), ...pick([[], ['GT'], ['LT'], ['XX'], ['NX'], ['CH']]), score(), member()],
    () => ['ZREM', key(), member(), member()],
    () => ['ZREMRANGEBYRANK', key(), rank(), String(int(-600, 20))],
    () => ['ZREMRANGEBYSCORE', key(), bound(), bound()],
    () => ['ZREMRANGEBYLEX', 'zl', lex(), lex()],
    () => ['ZADD', 'zl', '0', member()],
    () => [pick(['ZPOPMIN', 'ZPOPMAX']), key(), String(int(0, 5))],
    () => ['ZRANGESTORE', 'dst', key(), bound(), bound(), 'BYSCORE'],
    () => [pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']), 'dst', '2', 'z1', 'z2'],
    () => [
      'ZUNION',
      '2',
      'z1',
      'z2',
      'WEIGHTS',
      pick(['1', '2', '-1']),
      pick(['1', '0.5']),
      'WITHSCORES',
    ],
    () => ['ZINTER', '2', 'z1', 'z2', 'AGGREGATE', pick(['SUM', 'MIN', 'MAX']), 'WITHSCORES'],
    () => ['ZDIFF', '2', key(), key(), 'WITHSCORES'],
    () => ['ZINTERCARD', '2', 'z1', 'z2', 'LIMIT', String(int(0, 100))],
    () => ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    () => ['OBJECT', 'ENCODING', pick(['z1', 'z2', 'dst'])],
  ];
  for (let i = 0; i < 300; i++) commands.push(pick(makers)());
  return commands;
}

describe.skipIf(!hasRedis())('differential: large sorted sets (skiplist), random ranges', () => {
  const ports = useDifferentialServers();

  // The sets stayed large enough to be skip lists for most commands.
  compareSeededScripts(ports, [1, 2, 3, 4, 5, 6], script, 'skiplist');
});
