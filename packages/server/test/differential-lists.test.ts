// Large lists against a real redis-server: lists of hundreds of elements
// (many quicklist nodes in Redis), with repeated elements, then seeded
// random reads by index and range, LPOS with every option, insertions,
// LSET, LREM in both directions, trims, moves between lists, pops of
// counts and the multi-key pops, each reply compared byte for byte in
// RESP2 and RESP3, with the whole lists read back at the end. Elements
// are integers, short and long strings, so the integer-encoded and the
// plain entries both go through every command. (The small-list cases are
// in differential.test.ts.)
import { describe } from 'vitest';
import { compareSeededScripts, hasRedis, seededRandom, useDifferentialServers } from './helpers.js';

function script(seed: number): string[][] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  // Few distinct elements, so LPOS, LREM and LINSERT find many matches.
  const element = () =>
    pick([
      'a',
      'b',
      '1',
      '-7',
      '100',
      '9223372036854775807',
      '',
      'x'.repeat(70),
      `e${int(0, 30)}`,
      String(int(-5, 5)),
    ]);
  const index = () => String(pick([int(-20, 20), int(-700, 700)]));
  const key = () => pick(['l1', 'l2', 'l3']);
  const commands: string[][] = [
    ['CONFIG', 'SET', 'list-max-listpack-size', pick(['-2', '-1', '4', '128', '-5'])],
  ];
  for (const name of ['l1', 'l2']) {
    for (let chunk = 0; chunk < 6; chunk++) {
      const elements = Array.from({ length: int(20, 80) }, element);
      commands.push([pick(['RPUSH', 'LPUSH']), name, ...elements]);
    }
    commands.push(['LLEN', name], ['OBJECT', 'ENCODING', name]);
  }
  const makers: (() => string[])[] = [
    () => ['LINDEX', key(), index()],
    () => ['LRANGE', key(), index(), index()],
    () => [
      'LPOS',
      key(),
      element(),
      ...(next() < 0.5 ? ['RANK', pick(['1', '-1', '2', '-3', '0', '5'])] : []),
      ...(next() < 0.5 ? ['COUNT', pick(['0', '1', '3', '-1'])] : []),
      ...(next() < 0.3 ? ['MAXLEN', pick(['0', '10', '100', '-1'])] : []),
    ],
    () => ['LINSERT', key(), pick(['BEFORE', 'AFTER']), element(), element()],
    () => ['LSET', key(), index(), element()],
    () => ['LREM', key(), pick(['0', '1', '-1', '3', '-4']), element()],
    () => ['LTRIM', key(), String(int(-5, 20)), String(int(-20, 600))],
    () => [
      pick(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']),
      key(),
      ...Array.from({ length: int(1, 30) }, element),
    ],
    () => [pick(['LPOP', 'RPOP']), key(), ...(next() < 0.6 ? [String(int(0, 40))] : [])],
    () => ['LMOVE', key(), key(), pick(['LEFT', 'RIGHT']), pick(['LEFT', 'RIGHT'])],
    () => ['RPOPLPUSH', key(), key()],
    () => ['LMPOP', '2', key(), key(), pick(['LEFT', 'RIGHT']), 'COUNT', String(int(1, 20))],
    () => ['LLEN', key()],
    () => ['SORT', key(), 'ALPHA', 'LIMIT', String(int(0, 100)), String(int(0, 10))],
    () => ['LRANGE', key(), '0', '-1'],
  ];
  for (let i = 0; i < 300; i++) commands.push(pick(makers)());
  for (const name of ['l1', 'l2', 'l3']) commands.push(['LRANGE', name, '0', '-1'], ['LLEN', name]);
  commands.push(['CONFIG', 'SET', 'list-max-listpack-size', '-2']);
  return commands;
}

describe.skipIf(!hasRedis())('differential: large lists, random reads and changes', () => {
  const ports = useDifferentialServers();

  // Every script reads a list back whole at the end.
  compareSeededScripts(ports, [1, 2, 3, 4, 5, 6], script, 'quicklist');
});
